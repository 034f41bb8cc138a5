import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { BUTTON_ACTIONS } from '../../../commands/button-table.js';
import { ActionId, actionIdMatcher } from '../../../views/ids.js';
import { ackOnly, createButtonListener, type ButtonListenerDeps } from './button-actions.js';

/** Registers the button listeners: one per action id of the button table, plus the url button's ack. */
export function registerActions(app: App, deps: ButtonListenerDeps): void {
  const listener = createButtonListener(deps);
  for (const actionId of Object.keys(BUTTON_ACTIONS)) {
    app.action<BlockAction<ButtonAction>>(actionIdMatcher(actionId), listener);
  }
  app.action(actionIdMatcher(ActionId.OPEN_IN_EM), ackOnly);
}
