import { createConsolePrinter } from '../../../src/console/console-printer.js';
import type { KnownBlock } from '../../../src/views/format/block-kit.js';

/** A message with one button whose value names it. */
function withButton(name: string): { text: string; blocks: KnownBlock[] } {
  return {
    text: name,
    blocks: [
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: name }, action_id: 'act', value: name },
        ],
      },
    ],
  };
}

describe('the console printer’s buttons', () => {
  it('keeps only the newest buttons clickable, so a long run does not hold every button it printed', () => {
    const printer = createConsolePrinter({ write: () => undefined, color: false, buttonsKept: 3 });
    for (let i = 1; i <= 10; i++) printer.print(withButton(`b${i}`));

    expect(printer.button(10)?.value).toBe('b10');
    expect(printer.button(8)?.value).toBe('b8');
    expect(printer.button(7)).toBeUndefined();
    expect(printer.button(1)).toBeUndefined();
  });
});
