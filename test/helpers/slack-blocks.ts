/**
 * Block-level queries over a Slack message as the fake Slack recorded it (untyped JSON): find a block by
 * `block_id` or type, then assert its visible text, instead of searching the whole JSON for a string.
 */

/** A Block Kit block as it arrived over the wire. */
export interface WireBlock {
  type: string;
  block_id?: string;
  text?: { type: string; text: string };
  fields?: Array<{ type: string; text: string }>;
  elements?: Array<Record<string, unknown>>;
  accessory?: Record<string, unknown>;
}

/** Anything carrying blocks: a stored message, a response_url body, a view. */
export interface WithBlocks {
  blocks?: unknown;
  text?: unknown;
}

/** The blocks of a message (none when it has none). */
export function blocksOf(message: WithBlocks | undefined): WireBlock[] {
  return Array.isArray(message?.blocks) ? (message.blocks as WireBlock[]) : [];
}

/** The block with this block_id; throws (failing the test) with the ids present when absent. */
export function blockById(message: WithBlocks | undefined, id: string): WireBlock {
  const blocks = blocksOf(message);
  const block = blocks.find((b) => b.block_id === id);
  if (!block)
    throw new Error(`no block "${id}"; blocks: ${blocks.map((b) => b.block_id ?? b.type).join(', ')}`);
  return block;
}

/** The blocks of one type, in order. */
export function blocksOfType(message: WithBlocks | undefined, type: string): WireBlock[] {
  return blocksOf(message).filter((b) => b.type === type);
}

/** What a reader sees of one block: header text, section text and fields, context elements. */
export function textOf(block: WireBlock): string {
  const parts = [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)];
  if (block.type === 'context')
    for (const e of block.elements ?? []) if (typeof e['text'] === 'string') parts.push(e['text']);
  return parts.filter(Boolean).join('\n');
}

/** The visible text of every block that has some, in order. */
export function blockTexts(message: WithBlocks | undefined): string[] {
  return blocksOf(message)
    .map(textOf)
    .filter((text) => text.length > 0);
}

/** The first block whose visible text contains `needle`; throws with the texts present when none does. */
export function blockWithText(message: WithBlocks | undefined, needle: string | RegExp): WireBlock {
  const matches = (text: string) => (typeof needle === 'string' ? text.includes(needle) : needle.test(text));
  const block = blocksOf(message).find((b) => matches(textOf(b)));
  if (!block)
    throw new Error(`no block shows ${String(needle)}; texts:\n${blockTexts(message).join('\n---\n')}`);
  return block;
}

/** Every button of the message, in actions blocks and as section accessories, in order. */
export function buttonsOf(message: WithBlocks | undefined): Array<Record<string, unknown>> {
  return blocksOf(message).flatMap((b) => [
    ...(b.elements ?? []).filter((e) => e['type'] === 'button'),
    ...(b.accessory?.['type'] === 'button' ? [b.accessory] : []),
  ]);
}
