import { createActionTokens } from '../commands/job-actions/action-token.js';
import { checkSubmission, runConfirmedAction } from '../commands/job-actions/confirm-action.js';
import type { JobActionsDeps } from '../commands/job-actions/job-actions-deps.js';
import { createJobOperators } from '../commands/job-actions/operators.js';
import type { CommandDeps } from '../commands/types.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ActionLedger } from '../store/action-ledger.js';
import type { SpendToken } from '../store/token-spend.js';
import type { KnownBlock, ModalView } from '../views/format/block-kit.js';
import type { ChatPort } from '../watcher/chat-port.js';
import type { ConsolePrinter } from './console-printer.js';

/** The local user of the console: the one operator of job actions in local mode. */
export const CONSOLE_USER = 'console';

/** Job actions in the console: the local user is the only operator; tokens as in Slack. */
export function createConsoleJobActions(deps: {
  signingKey: string;
  clock: Clock;
  logger: Logger;
  ledger: ActionLedger;
  spendToken: SpendToken;
  /** Waits between EM polls of the action's task and session; tests pass one their stepped clock wakes. */
  sleep?: (ms: number) => Promise<void>;
}): JobActionsDeps {
  return {
    operators: createJobOperators({ operators: [CONSOLE_USER], clock: deps.clock, logger: deps.logger }),
    tokens: createActionTokens(deps.signingKey),
    ledger: deps.ledger,
    spendToken: deps.spendToken,
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };
}

/** The `y/N` question standing in for Slack's confirmation modal. */
export interface ConsoleConfirmation {
  /** Slack's `views.open`: prints the modal's text and waits for the next line as the answer. */
  openView(triggerId: string, view: ModalView): Promise<void>;
  /** Whether a question is waiting for its answer. */
  waiting(): boolean;
  /** Takes the answer: `y`/`yes` submits (the token is checked as Slack's submission is), anything else cancels. */
  answer(line: string): Promise<void>;
}

/**
 * The console's confirmation: the modal printed, a `y/N` prompt, then the same checked, confirmed-action path as a
 * Slack submission. The action itself runs in the background; its thread lines print as they come.
 */
export function createConsoleConfirmation(parts: {
  printer: ConsolePrinter;
  deps: CommandDeps;
  chat: ChatPort;
}): ConsoleConfirmation {
  let pending: { token: string; label: string } | undefined;
  return {
    async openView(_triggerId, view) {
      const title = view.title.text;
      parts.printer.print({ text: title, blocks: view.blocks as KnownBlock[] }, `Confirm · ${title}`);
      const label = view.submit?.text ?? 'Confirm';
      pending = { token: view.private_metadata ?? '', label };
      parts.printer.line(`${label}? Type y to confirm, anything else cancels [y/N]`);
    },
    waiting: () => pending !== undefined,
    async answer(line) {
      const asked = pending;
      pending = undefined;
      if (!asked) return;
      if (!/^y(es)?$/i.test(line.trim())) {
        parts.deps.logger.info({ audit: true, user: CONSOLE_USER, outcome: 'cancelled' }, 'job action');
        return parts.printer.line(`Cancelled: nothing was done (${asked.label.toLowerCase()} not sent).`);
      }
      const check = await checkSubmission(asked.token, CONSOLE_USER, parts.deps);
      if (!check.ok) return parts.printer.line(check.line);
      void runConfirmedAction(check.claims, CONSOLE_USER, parts.deps, parts.chat).catch((error: unknown) =>
        parts.deps.logger.error({ err: String(error) }, 'console job action failed'),
      );
    },
  };
}
