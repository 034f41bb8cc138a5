import { createStyles, stripControl } from './render-ansi.js';

const EMOJI: Record<string, string> = {
  white_check_mark: '✅',
  warning: '⚠️',
  x: '❌',
  hourglass_flowing_sand: '⏳',
  grey_question: '❔',
  rotating_light: '🚨',
  repeat: '🔁',
  mute: '🔇',
  electric_plug: '🔌',
  information_source: 'ℹ️',
  // The job actions' thread lines.
  arrows_counterclockwise: '🔄',
  no_entry: '⛔',
  lock: '🔒',
  // Protection, claims, snoozes, the digest and routing notices.
  shield: '🛡️',
  alarm_clock: '⏰',
  hourglass: '⌛',
  double_vertical_bar: '⏸️',
  floppy_disk: '💾',
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_green_circle: '🟢',
  white_circle: '⚪',
  raising_hand: '🙋',
  zzz: '💤',
  stopwatch: '⏱️',
  bell: '🔔',
  no_bell: '🔕',
  loudspeaker: '📢',
  zipper_mouth_face: '🤐',
  arrow_forward: '▶️',
};

/** Replaces the emoji codes we use (`:x:`) with the characters a terminal can show. */
export function renderEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

/** Slack's `<...>` tokens as text: date fallbacks, mentions, channels and `label (url)` links. */
function renderTokens(text: string): string {
  return text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('!date^')) return label ?? target;
    if (target.startsWith('!subteam^')) return label ?? '@team';
    if (target.startsWith('!')) return `@${target.slice(1)}`;
    if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    return label ? `${label} (${target})` : target;
  });
}

/** Decodes the three entities Slack uses; `&amp;` last so `&amp;lt;` stays `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Turns Slack mrkdwn into terminal text: tokens, emphasis (ANSI only when `color`), emoji, entities. */
export function renderMrkdwn(text: string, color: boolean): string {
  const s = createStyles(color);
  const styled = renderTokens(stripControl(text))
    .replace(/`([^`\n]+)`/g, (_w, code: string) => (color ? s.code(code) : `\`${code}\``))
    .replace(
      /(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/gm,
      (_w, pre: string, bold: string) => pre + s.bold(bold),
    )
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/gm, (_w, pre: string, it: string) => pre + s.italic(it))
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/gm, (_w, pre: string, st: string) => pre + s.strike(st));
  return decodeEntities(renderEmoji(styled));
}
