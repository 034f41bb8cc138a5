import { isAppError, ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { SlackMessage } from '../views/format/block-kit.js';
import { buildErrorView } from '../views/error-view.js';
import { parseCommand } from './parse-command.js';
import { COMMANDS, commandNamed } from './registry.js';
import type { CommandContext, CommandDeps } from './types.js';

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
    return await commandNamed(name).handler(rest, context, deps);
  } catch (error) {
    return replyForError(error, deps.logger, { command: text.slice(0, 200), user: context.userId });
  }
}

/** The one-line answer for an error, logged with detail on our side. */
export function replyForError(error: unknown, logger: Logger, fields: object): SlackMessage {
  if (isAppError(error, ErrorCode.CommandUsage))
    return buildErrorView(error.userMessage, { usage: COMMANDS });
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
