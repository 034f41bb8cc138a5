import type { SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate } from './format/truncate.js';
import { section } from './blocks.js';
import { finishView } from './finish-view.js';

/** A one-line confirmation (`Subscribed this channel to …`); the text is escaped, `*bold*` parts are ours. */
export function buildNoticeView(emoji: string, text: string, bold?: string): SlackMessage {
  const line = `${emoji} ${escapeMrkdwn(truncate(text, 1500))}${bold ? ` ${boldName(truncate(bold, 300))}` : ''}`;
  return finishView(line, [section(line, 'notice')]);
}
