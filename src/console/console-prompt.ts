import { createInterface } from 'node:readline';
import { buttonHandlerFor, type ButtonIo } from '../commands/button-table.js';
import { runCommand } from '../commands/run-command.js';
import type { CommandDeps } from '../commands/types.js';
import type { ChatPort } from '../watcher/chat-port.js';
import type { FailoverFollowPort } from '../watcher/failovers.js';
import { CONSOLE_USER, createConsoleConfirmation, type ConsoleConfirmation } from './console-confirm.js';
import type { ConsolePrinter } from './console-printer.js';
import { isReportCommand, printReport } from './console-report.js';

const CONTEXT = { userId: CONSOLE_USER, channelId: 'console' };

/**
 * The local stand-in for typing in Slack: reads `/veeam ...` lines and prints the reply as the bot would
 * show it; typing a button's number clicks it. Resolves when the input ends (Ctrl-D) or on `quit`.
 */
export function runConsolePrompt(options: {
  input: NodeJS.ReadableStream;
  printer: ConsolePrinter;
  deps: CommandDeps;
  /** Where shares and followed failovers are "posted": the console chat the watcher prints through. */
  chat: ChatPort;
  follow: FailoverFollowPort;
  prompt: boolean;
}): Promise<void> {
  const rl = createInterface({ input: options.input, terminal: false });
  let queue = Promise.resolve();
  const parts = { ...options, confirm: createConsoleConfirmation(options) };
  const ask = () => {
    if (options.prompt) process.stdout.write(parts.confirm.waiting() ? 'y/N> ' : 'veeam> ');
  };
  return new Promise((resolve) => {
    rl.on('line', (raw) => {
      queue = queue.then(async () => {
        const line = raw.trim();
        // A pending y/N question takes the next line, whatever it is (an empty line is "no").
        if (parts.confirm.waiting()) await parts.confirm.answer(line);
        else if (line === 'quit' || line === 'exit') {
          rl.close();
          return;
        } else if (line !== '') await handleLine(line, parts);
        ask();
      });
    });
    rl.on('close', () => void queue.then(() => resolve()));
    ask();
  });
}

type PromptParts = Pick<Parameters<typeof runConsolePrompt>[0], 'printer' | 'deps' | 'chat' | 'follow'> & {
  confirm: ConsoleConfirmation;
};

async function handleLine(line: string, parts: PromptParts): Promise<void> {
  if (/^\d+$/.test(line)) return clickButton(Number(line), parts);
  const text = line.replace(/^\/?veeam\b\s*/i, '');
  if (isReportCommand(text)) return printReport(text, CONTEXT, parts);
  parts.printer.print(await runCommand(text, CONTEXT, parts.deps), `/veeam ${text}`);
}

/** A click goes through the same button table as Slack's; its answers print here. */
async function clickButton(number: number, parts: PromptParts): Promise<void> {
  const { printer } = parts;
  const button = printer.button(number);
  if (!button) return printer.line(`There is no button [${number}].`);
  if (button.url) return printer.line(`Open in a browser: ${button.url}`);
  const handler = buttonHandlerFor(button.actionId);
  if (!handler) return printer.line(`Button [${number}] does nothing here.`);
  const io: ButtonIo = {
    reply: async (message) => printer.print(message, button.label),
    dismiss: async () => undefined,
    // The confirmation "modal" is the y/N question at this prompt.
    chat: { ...parts.chat, openView: parts.confirm.openView },
    follow: parts.follow,
  };
  const { origin } = button;
  await handler(
    {
      value: button.value ?? '',
      // A button on a posted message (an alert) clicks as in Slack: its channel, its message, a trigger.
      context: origin ? { ...CONTEXT, channelId: origin.channel } : CONTEXT,
      ...(origin ? { messageTs: origin.ts } : {}),
      triggerId: 'console',
    },
    parts.deps,
    io,
  );
}
