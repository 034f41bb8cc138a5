import { createInterface } from 'node:readline';
import { failoverProgress, followLink } from '../commands/actions.js';
import { runCommand } from '../commands/run-command.js';
import type { CommandDeps } from '../commands/types.js';
import { ActionId } from '../views/ids.js';
import type { ConsolePrinter } from './console-printer.js';

const CONTEXT = { userId: 'console', channelId: 'console' };

/**
 * The local stand-in for typing in Slack: reads `/veeam ...` lines and prints the reply as the bot would
 * show it; typing a button's number clicks it. Resolves when the input ends (Ctrl-D) or on `quit`.
 */
export function runConsolePrompt(options: {
  input: NodeJS.ReadableStream;
  printer: ConsolePrinter;
  deps: CommandDeps;
  prompt: boolean;
}): Promise<void> {
  const { printer, deps } = options;
  const rl = createInterface({ input: options.input, terminal: false });
  const ask = () => {
    if (options.prompt) process.stdout.write('veeam> ');
  };
  let queue = Promise.resolve();
  return new Promise((resolve) => {
    rl.on('line', (raw) => {
      queue = queue.then(async () => {
        const line = raw.trim();
        if (line === 'quit' || line === 'exit') {
          rl.close();
          return;
        }
        if (line !== '') await handleLine(line, printer, deps);
        ask();
      });
    });
    rl.on('close', () => void queue.then(() => resolve()));
    ask();
  });
}

async function handleLine(line: string, printer: ConsolePrinter, deps: CommandDeps): Promise<void> {
  if (/^\d+$/.test(line)) return clickButton(Number(line), printer, deps);
  const text = line.replace(/^\/?veeam\b\s*/i, '');
  printer.print(await runCommand(text, CONTEXT, deps), `/veeam ${text}`);
}

async function clickButton(number: number, printer: ConsolePrinter, deps: CommandDeps): Promise<void> {
  const button = printer.button(number);
  if (!button) return printer.line(`There is no button [${number}].`);
  const base = button.actionId.split(':')[0];
  if (button.url) return printer.line(`Open in a browser: ${button.url}`);
  const value = button.value ?? '';
  if (base === ActionId.FOLLOW_LINK) return printer.print(await followLink(value, deps), button.label);
  if (base === ActionId.FOLLOW_FAILOVER) {
    const { message } = await failoverProgress(value, deps).catch(() => ({
      message: { text: 'Could not read that failover session.', blocks: [] },
    }));
    return printer.print(message, `${button.label} (type the number again to refresh)`);
  }
  printer.print(await runCommand(value, CONTEXT, deps), `/veeam ${value}`);
}
