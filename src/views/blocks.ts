import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnElement,
  SectionBlock,
} from './format/block-kit.js';
import { LIMITS } from './format/limits.js';
import { truncate, truncateMrkdwn } from './format/truncate.js';

/** A header block (plain text, emoji codes rendered), cut to 150 characters. */
export function header(text: string, blockId = 'header'): HeaderBlock {
  return {
    type: 'header',
    block_id: blockId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true },
  };
}

/** A mrkdwn section; the text must already be escaped. */
export function section(text: string, blockId: string, accessory?: Button): SectionBlock {
  const block: SectionBlock = { type: 'section', block_id: blockId, text: mrkdwn(text, LIMITS.sectionText) };
  if (accessory) block.accessory = accessory;
  return block;
}

/** A section of up to 10 mrkdwn fields shown in two columns; the texts must already be escaped. */
export function fieldsSection(fields: string[], blockId = 'fields'): SectionBlock {
  return {
    type: 'section',
    block_id: blockId,
    fields: fields.slice(0, LIMITS.sectionFields).map((f) => mrkdwn(f, LIMITS.sectionFieldText)),
  };
}

/** A context line of mrkdwn elements (already escaped). */
export function context(texts: string[], blockId: string): ContextBlock {
  return {
    type: 'context',
    block_id: blockId,
    elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t, LIMITS.contextText)),
  };
}

/** A divider. */
export function divider(blockId?: string): DividerBlock {
  return blockId ? { type: 'divider', block_id: blockId } : { type: 'divider' };
}

/** An actions block holding at most 25 buttons. */
export function actions(buttons: Button[], blockId = 'actions'): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: buttons.slice(0, LIMITS.actionsElements) };
}

/** A button; `actionId` is the base from ids.ts, numbered later by finishView; the label is cut to 30 characters. */
export function button(actionId: string, label: string, target: { value?: string; url?: string }): Button {
  const text = truncate(label.trim(), LIMITS.buttonLabel).trim() || '—';
  const b: Button = { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true } };
  if (target.value !== undefined) b.value = target.value;
  if (target.url !== undefined) b.url = target.url;
  return b;
}

function mrkdwn(text: string, max: number): MrkdwnElement {
  const cut = truncateMrkdwn(text, max);
  return { type: 'mrkdwn', text: cut.trim().length ? cut : '—' };
}
