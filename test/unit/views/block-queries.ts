import type { Button, KnownBlock, SectionBlock, SlackMessage } from '../../../src/views/format/block-kit.js';
import { LIMITS } from '../../../src/views/format/limits.js';
import { blockTextLength } from '../../../src/views/format/clamp-block.js';

/** The block with this block_id; fails the test when absent. */
export function blockById(message: SlackMessage, id: string): KnownBlock {
  const block = message.blocks.find((b) => b.block_id === id);
  if (!block) throw new Error(`no block ${id} in ${message.blocks.map((b) => b.block_id).join(', ')}`);
  return block;
}

/** The blocks of one type. */
export function blocksOfType<T extends KnownBlock['type']>(message: SlackMessage, type: T) {
  return message.blocks.filter((b): b is Extract<KnownBlock, { type: T }> => b.type === type);
}

/** The visible text of a block: section text and fields, context elements, header text. */
export function textOf(block: KnownBlock): string {
  if (block.type === 'header') return block.text.text;
  if (block.type === 'section')
    return [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)].join('\n');
  if (block.type === 'context')
    return block.elements.map((e) => ('text' in e ? String(e.text) : '')).join(' ');
  return '';
}

/** Every button of the message, accessories included, in order. */
export function buttonsOf(message: SlackMessage): Button[] {
  return message.blocks.flatMap((b) => {
    if (b.type === 'actions') return b.elements.filter((e): e is Button => e.type === 'button');
    if (b.type === 'section' && b.accessory?.type === 'button') return [b.accessory];
    return [];
  });
}

/** Every mrkdwn string of the message, the fallback text included (Slack parses it as mrkdwn too). */
export function mrkdwnTexts(message: { text: string; blocks?: KnownBlock[] }): string[] {
  const out = [message.text];
  for (const b of message.blocks ?? []) {
    if (b.type === 'section') {
      if (b.text?.type === 'mrkdwn') out.push(b.text.text);
      for (const f of b.fields ?? []) if (f.type === 'mrkdwn') out.push(f.text);
    }
    if (b.type === 'context') for (const e of b.elements) if (e.type === 'mrkdwn') out.push(e.text);
  }
  return out;
}

const DATE_TOKEN = /<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^<>]*>/g;

/** No EM string opened a Slack token: once our date tokens and the allowed mentions are removed, no `<` is left. */
export function expectNoInjectedMarkup(
  message: { text: string; blocks?: KnownBlock[] },
  allowed: string[] = [],
) {
  for (const text of mrkdwnTexts(message)) {
    let rest = text.replace(DATE_TOKEN, '');
    for (const a of allowed) rest = rest.split(a).join('');
    expect(rest).not.toMatch(/</);
    expect(rest).not.toMatch(/&(?!amp;|lt;|gt;)/);
  }
}

function expectSectionWithin(b: SectionBlock): void {
  if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  expect((b.fields ?? []).length).toBeLessThanOrEqual(LIMITS.sectionFields);
  for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.sectionFieldText);
  expect(b.text !== undefined || (b.fields ?? []).length > 0).toBe(true);
}

function expectButtonWithin(b: Button): void {
  expect(b.text.text.length).toBeGreaterThan(0);
  expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
  expect((b.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
  expect((b.url ?? '').length).toBeLessThanOrEqual(LIMITS.buttonUrl);
}

/** Every Block Kit limit holds: counts, lengths, unique action and block ids, non-empty texts. */
export function expectWithinLimits(message: SlackMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(message.blocks.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(LIMITS.totalText);
  for (const b of message.blocks) {
    expect((b.block_id ?? '').length).toBeLessThanOrEqual(LIMITS.id);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (b.type === 'section') expectSectionWithin(b);
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
    const text = textOf(b);
    if (b.type !== 'divider' && b.type !== 'actions') expect(text.trim().length).toBeGreaterThan(0);
  }
  buttonsOf(message).forEach(expectButtonWithin);
  const actionIds = buttonsOf(message).map((b) => b.action_id);
  expect(new Set(actionIds).size).toBe(actionIds.length);
  const blockIds = message.blocks.map((b) => b.block_id).filter(Boolean);
  expect(new Set(blockIds).size).toBe(blockIds.length);
}
