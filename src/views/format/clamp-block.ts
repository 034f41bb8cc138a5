import type { Button, ContextBlock, KnownBlock, SectionBlock } from './block-kit.js';
import { LIMITS } from './limits.js';
import { truncate, truncateMrkdwn } from './truncate-text.js';

type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string };

/** Cuts a text object to `max`, keeping mrkdwn tokens whole; Slack refuses empty or blank texts, so those become `—`. */
function clampText<T extends TextObject>(object: T, max: number): T {
  const cut = object.type === 'mrkdwn' ? truncateMrkdwn(object.text, max) : truncate(object.text, max);
  return { ...object, text: cut.trim().length > 0 ? cut : '—' };
}

/** A button within its limits, or undefined when its value or url is too long to cut without breaking it. */
function clampButton(button: Button): Button | undefined {
  if (button.value !== undefined && button.value.length > LIMITS.buttonValue) return undefined;
  if (button.url !== undefined && button.url.length > LIMITS.buttonUrl) return undefined;
  return {
    ...button,
    action_id: button.action_id === undefined ? undefined : truncate(button.action_id, LIMITS.id),
    text: clampText(button.text, LIMITS.buttonText),
  };
}

function clampSection(block: SectionBlock): SectionBlock {
  const out: SectionBlock = { ...block };
  if (block.text) out.text = clampText(block.text, LIMITS.sectionText);
  if (block.fields) {
    out.fields = block.fields
      .slice(0, LIMITS.sectionFields)
      .map((f) => clampText(f, LIMITS.sectionFieldText));
  }
  if (block.accessory?.type === 'button') {
    const accessory = clampButton(block.accessory);
    if (accessory) out.accessory = accessory;
    else delete out.accessory;
  }
  return out;
}

function clampContext(block: ContextBlock): ContextBlock {
  const elements = block.elements
    .slice(0, LIMITS.contextElements)
    .map((e) => (e.type === 'mrkdwn' || e.type === 'plain_text' ? clampText(e, LIMITS.contextText) : e));
  return { ...block, elements };
}

/** One block cut to its own Block Kit limits; undefined when nothing valid is left (an actions block with no buttons). */
export function clampBlock(block: KnownBlock): KnownBlock | undefined {
  const withId =
    block.block_id === undefined ? block : { ...block, block_id: truncate(block.block_id, LIMITS.id) };
  switch (withId.type) {
    case 'header':
      return { ...withId, text: clampText(withId.text, LIMITS.headerText) };
    case 'section':
      return clampSection(withId);
    case 'context':
      return withId.elements.length ? clampContext(withId) : undefined;
    case 'actions': {
      const elements = withId.elements
        .map((e) => (e.type === 'button' ? clampButton(e) : e))
        .filter((e) => e !== undefined)
        .slice(0, LIMITS.actionsElements);
      return elements.length ? { ...withId, elements } : undefined;
    }
    default:
      return withId;
  }
}

/** Characters of text one block carries (texts, fields, button labels, values and urls), as Slack's total counts it. */
export function blockTextLength(block: KnownBlock): number {
  const texts: string[] = [];
  const addButton = (b: Button): void => {
    texts.push(b.text.text, b.value ?? '', b.url ?? '');
  };
  if (block.type === 'header') texts.push(block.text.text);
  if (block.type === 'section') {
    texts.push(block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text));
    if (block.accessory?.type === 'button') addButton(block.accessory);
  }
  if (block.type === 'context') {
    for (const e of block.elements) if ('text' in e && typeof e.text === 'string') texts.push(e.text);
  }
  if (block.type === 'actions') for (const e of block.elements) if (e.type === 'button') addButton(e);
  return texts.reduce((sum, t) => sum + t.length, 0);
}
