import { ErrorCode, toAppError } from '../shared/errors.js';
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
  const appError = toAppError(error);
  if (appError.code === ErrorCode.CommandUsage)
    return buildErrorView(appError.userMessage, { usage: COMMANDS });
  if (appError.code === ErrorCode.Internal) {
    const cause = appError.cause;
    logger.error(
      {
        ...fields,
        err: cause instanceof Error ? { message: cause.message, stack: cause.stack } : String(cause),
      },
      'command crashed',
    );
  } else {
    logger.warn({ ...fields, code: appError.code, err: appError.message }, 'command failed');
  }
  return buildErrorView(appError.userMessage);
}
