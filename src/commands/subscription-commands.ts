import type { SlackMessage } from '../views/format/block-kit.js';
import type { CommandContext } from './types.js';

/** The watcher's routing commands, as the command layer sees them (implemented in src/watcher/routing). */
export interface SubscriptionCommands {
  subscribe(rest: string, context: CommandContext): Promise<SlackMessage>;
  list(context: CommandContext): Promise<SlackMessage>;
  unsubscribe(rest: string, context: CommandContext): Promise<SlackMessage>;
  mute(rest: string, context: CommandContext): Promise<SlackMessage>;
  unmute(rest: string, context: CommandContext): Promise<SlackMessage>;
}
