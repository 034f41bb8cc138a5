import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import type { FailoverFollower } from '../../failover-follower.js';
import { ActionId, actionIdMatcher } from '../../views/ids.js';
import {
  createFollowFailoverListener,
  createFollowLinkListener,
  createPickSuggestionListener,
  createShareListener,
} from './button-actions.js';

/** Registers the button listeners; action ids come from the same list the views use. */
export function registerActions(
  app: App,
  deps: CommandDeps,
  slack: SlackConfig,
  follower: FailoverFollower,
): void {
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.FOLLOW_LINK),
    createFollowLinkListener(deps, slack),
  );
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.PICK_SUGGESTION),
    createPickSuggestionListener(deps, slack),
  );
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.SHARE_IN_CHANNEL),
    createShareListener(deps, slack),
  );
  app.action<BlockAction<ButtonAction>>(
    actionIdMatcher(ActionId.FOLLOW_FAILOVER),
    createFollowFailoverListener(deps, slack, follower),
  );
  // The Open in Enterprise Manager button is a plain link; Slack still sends an action, which needs an ack.
  app.action(actionIdMatcher(ActionId.OPEN_IN_EM), async ({ ack }) => {
    await ack();
  });
}
