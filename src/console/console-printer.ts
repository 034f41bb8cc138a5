import type { KnownBlock } from '../views/format/block-kit.js';
import { renderBlocks, type RenderedButton } from './render-blocks.js';

/** Prints Block Kit messages as terminal text and remembers every button it showed by its number. */
export interface ConsolePrinter {
  print(message: { text: string; blocks?: KnownBlock[] }, heading?: string): void;
  line(text: string): void;
  button(number: number): RenderedButton | undefined;
}

/** Builds the printer; `color` only when stdout is a terminal (never ANSI codes into a pipe). */
export function createConsolePrinter(options: {
  write: (text: string) => void;
  color: boolean;
  width?: number;
}): ConsolePrinter {
  const buttons = new Map<number, RenderedButton>();
  let next = 1;
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text);
  return {
    print(message, heading) {
      const rendered = renderBlocks(message, {
        color: options.color,
        width: options.width ?? 78,
        firstButtonNumber: next,
      });
      rendered.buttons.forEach((button, index) => buttons.set(next + index, button));
      next += rendered.buttons.length;
      const rule = dim('─'.repeat(Math.min(options.width ?? 78, 78)));
      options.write(`${rule}\n${heading ? `${dim(heading)}\n` : ''}${rendered.text}\n`);
    },
    line(text) {
      options.write(`${text}\n`);
    },
    button: (number) => buttons.get(number),
  };
}
