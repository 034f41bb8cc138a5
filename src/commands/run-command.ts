import { isAppError, ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { buildErrorView } from '../views/error-view.js';
import { buildHelpView } from '../views/help-view.js';
import { cdpCommand } from './handlers/cdp.js';
import { failoverCommand } from './handlers/failover.js';
import { failuresCommand, runningCommand } from './handlers/problems.js';
import { sessionCommand } from './handlers/session.js';
import { statusCommand } from './handlers/status.js';
import { vmCommand } from './handlers/vm.js';
import { parseCommand, type Subcommand } from './parse-command.js';
import type { CommandContext, CommandDeps, CommandHandler } from './types.js';

const withSubscriptions =
  (
    pick: (
      s: NonNullable<CommandDeps['subscriptions']>,
      rest: string,
      context: CommandContext,
    ) => Promise<SlackMessage>,
  ): CommandHandler =>
  async (rest, context, deps) =>
    deps.subscriptions
      ? pick(deps.subscriptions, rest, context)
      : buildErrorView('Alerts are not running in this bot, so there are no subscriptions');

const HANDLERS: Record<Subcommand, CommandHandler> = {
  help: async () => buildHelpView(),
  status: statusCommand,
  vm: vmCommand,
  session: sessionCommand,
  failover: failoverCommand,
  cdp: cdpCommand,
  failures: failuresCommand,
  running: runningCommand,
  subscribe: withSubscriptions((s, rest, c) => s.subscribe(rest, c)),
  subscriptions: withSubscriptions((s, _rest, c) => s.list(c)),
  unsubscribe: withSubscriptions((s, rest, c) => s.unsubscribe(rest, c)),
  mute: withSubscriptions((s, rest, c) => s.mute(rest, c)),
  unmute: withSubscriptions((s, rest, c) => s.unmute(rest, c)),
};

/**
 * Runs one `/veeam` text and always returns a message: bad input gets a one-line explanation (with the
 * usage for command mistakes), EM trouble a one-line answer, and anything unexpected a generic line while
 * the detail goes to our log. Never a stack trace, never nothing.
 */
export async function runCommand(
  text: string,
  context: CommandContext,
  deps: CommandDeps,
): Promise<SlackMessage> {
  try {
    const { name, rest } = parseCommand(text);
    return await HANDLERS[name](rest, context, deps);
  } catch (error) {
    return replyForError(error, deps.logger, { command: text.slice(0, 200), user: context.userId });
  }
}

/** The one-line answer for an error, logged with detail on our side. */
export function replyForError(error: unknown, logger: Logger, fields: object): SlackMessage {
  if (isAppError(error, ErrorCode.CommandUsage)) return buildErrorView(error.userMessage, { usage: true });
  if (isAppError(error)) {
    logger.warn({ ...fields, code: error.code, err: error.message }, 'command failed');
    return buildErrorView(error.userMessage);
  }
  logger.error(
    {
      ...fields,
      err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
    },
    'command crashed',
  );
  return buildErrorView('Something went wrong on the bot’s side; the details are in its log');
}
