import type { App } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/types.js';
import type { ChatPort } from '../../../watcher/chat-port.js';
import { createAppHomeOpenedListener } from './app-home-opened.js';

/** Registers the event listeners (the Home tab). */
export function registerEvents(app: App, deps: { commands: CommandDeps; chat: ChatPort }): void {
  const homeOpened = createAppHomeOpenedListener(deps);
  app.event('app_home_opened', async ({ event }) => homeOpened({ event }));
}
