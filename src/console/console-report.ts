import { isReportCommand, prepareReport } from '../commands/handlers/report.js';
import { replyForError } from '../commands/run-command.js';
import type { CommandContext, CommandDeps } from '../commands/types.js';
import type { ChatPort } from '../watcher/chat-port.js';
import type { ConsolePrinter } from './console-printer.js';

export { isReportCommand };

/**
 * `/veeam report` at the prompt: the digest printed as text (with its text bar chart) and its charts (the trend,
 * repository usage when repositories exist) written to files the console names, as the daily digest does in local mode.
 */
export async function printReport(
  text: string,
  context: CommandContext,
  parts: { printer: ConsolePrinter; deps: CommandDeps; chat: ChatPort },
): Promise<void> {
  let prepared;
  try {
    prepared = await prepareReport(text, parts.deps);
  } catch (error) {
    return parts.printer.print(
      replyForError(error, parts.deps.logger, { command: text.slice(0, 200), user: context.userId }),
      `/veeam ${text}`,
    );
  }
  parts.printer.print(prepared.message, `/veeam ${text}`);
  if (!parts.chat.uploadFile) return;
  for (const chart of prepared.charts ?? []) {
    await parts.chat.uploadFile({
      filename: chart.filename,
      title: chart.title,
      altText: chart.altText,
      bytes: chart.png,
    });
  }
}
