import type { App } from '@slack/bolt';
import type { CommandDeps } from '../../../commands/types.js';
import type { SlackConfig } from '../../../config/load-config.js';
import { SLASH_COMMAND } from '../../contract.js';
import { createVeeamCommandListener } from './veeam-command.js';

/** Registers the slash command listeners. */
export function registerCommands(app: App, deps: CommandDeps, slack: SlackConfig): void {
  app.command(SLASH_COMMAND, createVeeamCommandListener(deps, slack));
}
