import type { App } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import { SLASH_COMMAND } from '../../contract.js';
import type { ChatPort } from '../../../watcher/chat-port.js';
import type { WorkQueue } from '../../work-queue.js';
import { createVeeamCommandListener } from './veeam-command.js';

/** Registers the slash command listeners. */
export function registerCommands(
  app: App,
  deps: CommandDeps,
  slack: SlackConfig,
  queue: WorkQueue,
  chat?: ChatPort,
): void {
  const openView = chat?.openView?.bind(chat);
  app.command(SLASH_COMMAND, createVeeamCommandListener(deps, slack, queue, openView));
}
