import type { KnownBlock } from '../views/format/block-kit.js';
import { renderBlocks, type RenderedButton } from './render-blocks.js';

/** The "posted" message a button was printed on: its channel and ts, as a click in Slack would carry them. */
export interface ButtonOrigin {
  channel: string;
  ts: string;
}

/** Buttons the printer remembers by number: the newest this many (minutes of a busy demo's output). */
export const BUTTONS_KEPT = 2_000;

/** Prints Block Kit messages as terminal text and remembers the buttons it showed last by their numbers. */
export interface ConsolePrinter {
  /** `origin`: the posted message being printed, remembered with its buttons (absent for replies). */
  print(message: { text: string; blocks?: KnownBlock[] }, heading?: string, origin?: ButtonOrigin): void;
  line(text: string): void;
  button(number: number): (RenderedButton & { origin?: ButtonOrigin }) | undefined;
}

/** Builds the printer; `color` only when stdout is a terminal (never ANSI codes into a pipe). */
export function createConsolePrinter(options: {
  write: (text: string) => void;
  color: boolean;
  width?: number;
  /** How many of the newest buttons stay clickable (default BUTTONS_KEPT): a long run must not keep them all. */
  buttonsKept?: number;
}): ConsolePrinter {
  const buttons = new Map<number, RenderedButton & { origin?: ButtonOrigin }>();
  let next = 1;
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text);
  return {
    print(message, heading, origin) {
      const rendered = renderBlocks(message, {
        color: options.color,
        width: options.width ?? 78,
        firstButtonNumber: next,
      });
      rendered.buttons.forEach((button, index) =>
        buttons.set(next + index, origin ? { ...button, origin } : button),
      );
      next += rendered.buttons.length;
      const oldest = next - (options.buttonsKept ?? BUTTONS_KEPT);
      for (const number of buttons.keys()) {
        if (number >= oldest) break;
        buttons.delete(number);
      }
      const rule = dim('─'.repeat(Math.min(options.width ?? 78, 78)));
      options.write(`${rule}\n${heading ? `${dim(heading)}\n` : ''}${rendered.text}\n`);
    },
    line(text) {
      options.write(`${text}\n`);
    },
    button: (number) => buttons.get(number),
  };
}
