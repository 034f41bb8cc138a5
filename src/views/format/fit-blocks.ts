import type { KnownBlock } from './block-kit.js';
import { blockTextLength, clampBlock } from './clamp-block.js';
import { LIMITS } from './limits.js';
import { andMore, truncateMrkdwn } from './truncate-text.js';

/** Blocks whose block_id starts with this are list items: dropped from the end first and counted in `…and N more`. */
export const ITEM_PREFIX = 'item:';
/** Blocks whose block_id starts with this (group headings) may be dropped too but are not counted. */
export const GROUP_PREFIX = 'group:';

/** Options of fitBlocks; the defaults are Slack's limits. */
export interface FitOptions {
  maxBlocks?: number;
  maxChars?: number;
  /** The text of the line that replaces dropped items. */
  more?: (count: number) => string;
}

const isDroppable = (b: KnownBlock): boolean =>
  b.block_id !== undefined && (b.block_id.startsWith(ITEM_PREFIX) || b.block_id.startsWith(GROUP_PREFIX));
const total = (blocks: KnownBlock[]): number => blocks.reduce((sum, b) => sum + blockTextLength(b), 0);
const fits = (blocks: KnownBlock[], maxBlocks: number, maxChars: number): boolean =>
  blocks.length <= maxBlocks && total(blocks) <= maxChars;

function moreBlock(text: string): KnownBlock {
  return { type: 'context', block_id: 'more', elements: [{ type: 'mrkdwn', text }] };
}

/** Drops list items from the end until the rest fits, putting a `…and N more` line where they were. */
function dropItems(blocks: KnownBlock[], maxBlocks: number, maxChars: number, more: (n: number) => string) {
  const kept = [...blocks];
  let dropped = 0;
  let at = -1;
  const line = (): KnownBlock => moreBlock(more(Math.max(dropped, 1)));
  while (!fits(at < 0 ? kept : [...kept, line()], maxBlocks, maxChars)) {
    const index = kept.findLastIndex(isDroppable);
    if (index < 0) break;
    const [removed] = kept.splice(index, 1);
    if (removed?.block_id?.startsWith(ITEM_PREFIX)) dropped += 1;
    at = index;
  }
  if (at >= 0) kept.splice(at, 0, line());
  return kept;
}

/** Last resort: keeps a prefix within the limits, cutting the block that crosses the text budget; keeps trailing buttons. */
function keepPrefix(blocks: KnownBlock[], maxBlocks: number, maxChars: number): KnownBlock[] {
  const last = blocks[blocks.length - 1];
  const tail = last?.type === 'actions' && blockTextLength(last) < maxChars / 2 ? [last] : [];
  const body = tail.length ? blocks.slice(0, -1) : blocks;
  let budget = maxChars - total(tail);
  const out: KnownBlock[] = [];
  for (const block of body) {
    if (out.length >= maxBlocks - tail.length) break;
    const size = blockTextLength(block);
    if (size <= budget) {
      out.push(block);
      budget -= size;
    } else if (block.type === 'section' && block.text && !block.fields && budget > 100) {
      out.push({ ...block, text: { ...block.text, text: truncateMrkdwn(block.text.text, budget - 10) } });
      break;
    } else break;
  }
  return [...out, ...tail];
}

/**
 * The guard every view ends with: cuts each block to its own limits, then drops list items (block_id `item:…`)
 * from the end, adding an `…and N more` context line, until the message is within the block and text totals.
 */
export function fitBlocks(blocks: KnownBlock[], opts: FitOptions = {}): KnownBlock[] {
  const maxBlocks = opts.maxBlocks ?? LIMITS.blocksPerMessage;
  const maxChars = opts.maxChars ?? LIMITS.totalText;
  const clamped = blocks.map(clampBlock).filter((b) => b !== undefined);
  if (fits(clamped, maxBlocks, maxChars)) return clamped;
  const trimmed = dropItems(clamped, maxBlocks, maxChars, opts.more ?? andMore);
  return fits(trimmed, maxBlocks, maxChars) ? trimmed : keepPrefix(trimmed, maxBlocks, maxChars);
}
