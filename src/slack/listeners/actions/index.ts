import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/types.js';
import type { FailoverFollower } from '../../failover-follower.js';
import { ActionId, actionIdMatcher } from '../../../views/ids.js';
import {
  type ButtonContext,
  createFollowFailoverListener,
  createFollowLinkListener,
  createPickSuggestionListener,
  createShareListener,
} from './button-actions.js';

/** Registers the button listeners; action ids come from the same list the views use. */
export function registerActions(
  app: App,
  deps: CommandDeps,
  context: ButtonContext,
  follower: FailoverFollower,
): void {
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.FOLLOW_LINK),
    createFollowLinkListener(deps, context),
  );
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.PICK_SUGGESTION),
    createPickSuggestionListener(deps, context),
  );
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.SHARE_IN_CHANNEL),
    createShareListener(deps, context),
  );
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.FOLLOW_FAILOVER),
    createFollowFailoverListener(deps, context, follower),
  );
  // The Open in Enterprise Manager button is a plain link; Slack still sends an action, which needs an ack.
  app.action(actionIdMatcher(ActionId.OPEN_IN_EM), async ({ ack }) => {
    await ack();
  });
}
