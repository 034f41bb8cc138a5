import type { Button, KnownBlock, SectionBlock } from '../views/format/block-kit.js';
import { createStyles, stripControl, type Styles } from './render-ansi.js';
import { renderEmoji, renderMrkdwn } from './render-mrkdwn.js';
import { wrapLines } from './render-wrap.js';

/** A button of the rendered message, numbered from 1 in the order shown. */
export interface RenderedButton {
  label: string;
  actionId: string;
  value?: string;
  url?: string;
}

/** Options of renderBlocks. */
export interface RenderOptions {
  /** ANSI colours and emphasis; when false the output holds no ANSI code at all. */
  color: boolean;
  /** Wrap lines to this many columns and draw dividers this wide. */
  width?: number;
  /** The number of the first button (default 1), so a session can number every button it ever showed. */
  firstButtonNumber?: number;
}

type TextObject = { type: 'plain_text' | 'mrkdwn'; text: string };

interface Context {
  styles: Styles;
  color: boolean;
  width: number;
  buttons: RenderedButton[];
  firstButtonNumber: number;
}

const renderText = (t: TextObject, ctx: Context): string =>
  t.type === 'mrkdwn' ? renderMrkdwn(t.text, ctx.color) : renderEmoji(stripControl(t.text));

/** Adds the button to the list and returns its `[n] Label`. */
function addButton(b: Button, ctx: Context): string {
  const label = stripControl(b.text.text);
  const item: RenderedButton = { label, actionId: b.action_id ?? '' };
  if (b.value !== undefined) item.value = b.value;
  if (b.url !== undefined) item.url = b.url;
  ctx.buttons.push(item);
  return `[${ctx.firstButtonNumber + ctx.buttons.length - 1}] ${renderEmoji(label)}`;
}

/** A field `*Label*\nvalue` reads best as `Label: value`. */
function renderField(field: TextObject, ctx: Context): string {
  const match = field.type === 'mrkdwn' ? /^\*([^*\n]+)\*\n([\s\S]*)$/.exec(field.text) : null;
  if (!match) return renderText(field, ctx).replace(/\n/g, ' ');
  const [, label = '', value = ''] = match;
  return `${ctx.styles.bold(`${renderMrkdwn(label, ctx.color)}:`)} ${renderMrkdwn(value, ctx.color).replace(/\n/g, ' ')}`;
}

function renderSection(block: SectionBlock, ctx: Context): string[] {
  const lines: string[] = [];
  if (block.text) lines.push(renderText(block.text, ctx));
  for (const field of block.fields ?? []) lines.push(renderField(field, ctx));
  if (block.accessory?.type === 'button') lines.push(addButton(block.accessory, ctx));
  return lines;
}

function renderBlock(block: KnownBlock, ctx: Context): string[] {
  const s = ctx.styles;
  switch (block.type) {
    case 'header': {
      const text = renderText(block.text, ctx);
      return ctx.color ? [s.bold(s.underline(text))] : [text, '='.repeat(Math.min(text.length, ctx.width))];
    }
    case 'section':
      return renderSection(block, ctx);
    case 'context': {
      const parts = block.elements.map((e) =>
        'text' in e && typeof e.text === 'string' ? renderText(e as TextObject, ctx) : '',
      );
      return [s.dim(parts.filter(Boolean).join('  '))];
    }
    case 'divider':
      return [s.dim('─'.repeat(ctx.width))];
    case 'actions':
      return [
        block.elements
          .map((e) => (e.type === 'button' ? addButton(e, ctx) : ''))
          .filter(Boolean)
          .join('  '),
      ];
    default:
      return [];
  }
}

/** Turns the Block Kit the bot posts into terminal text for the console mode, listing the buttons as `[n] Label`. */
export function renderBlocks(
  message: { text: string; blocks?: KnownBlock[] },
  opts: RenderOptions,
): { text: string; buttons: RenderedButton[] } {
  const ctx: Context = {
    styles: createStyles(opts.color),
    color: opts.color,
    width: opts.width ?? 60,
    buttons: [],
    firstButtonNumber: opts.firstButtonNumber ?? 1,
  };
  const lines = message.blocks?.length
    ? message.blocks.flatMap((b) => renderBlock(b, ctx))
    : [renderMrkdwn(message.text, opts.color)];
  const text = lines.join('\n');
  return { text: opts.width ? wrapLines(text, opts.width) : text, buttons: ctx.buttons };
}
