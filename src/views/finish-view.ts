import type { Button, KnownBlock, SlackMessage } from './format/block-kit.js';
import { fitBlocks, type FitOptions } from './format/fit-blocks.js';
import { LIMITS } from './format/limits.js';
import { truncateMrkdwn } from './format/truncate.js';
import { numberedActionId } from './ids.js';

/** An action id without the `:n` suffixes an earlier numbering added, so numbering twice changes nothing. */
const baseOf = (actionId: string): string => actionId.replace(/(:\d+)+$/, '');

/** Gives every button of the message a unique action id (`base:n`, n counting from 0 in order). */
function numberButtons(blocks: KnownBlock[]): KnownBlock[] {
  let n = 0;
  const number = (b: Button): Button => ({
    ...b,
    action_id: numberedActionId(baseOf(b.action_id ?? 'button'), n++),
  });
  return blocks.map((block) => {
    if (block.type === 'actions') {
      return { ...block, elements: block.elements.map((e) => (e.type === 'button' ? number(e) : e)) };
    }
    if (block.type === 'section' && block.accessory?.type === 'button') {
      return { ...block, accessory: number(block.accessory) };
    }
    return block;
  });
}

/** The last step of every view: fits the blocks to Block Kit's limits, numbers the buttons, cuts the fallback text. */
export function finishView(text: string, blocks: KnownBlock[], fit: FitOptions = {}): SlackMessage {
  return {
    text: text.trim() ? truncateMrkdwn(text, LIMITS.fallbackText) : '—',
    blocks: numberButtons(fitBlocks(blocks, fit)),
  };
}
