import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate } from './format/truncate.js';
import { section } from './blocks.js';
import { finishView } from './finish-view.js';
import { usageText } from './help-view.js';

/** Options of buildErrorView. */
export interface ErrorViewOptions {
  /** Add the command list under the answer. */
  usage?: boolean;
}

/** A one-line answer for something that went wrong (the message is escaped), plus the usage when asked. */
export function buildErrorView(message: string, opts: ErrorViewOptions = {}): SlackMessage {
  const line = `:warning: ${escapeMrkdwn(truncate(message.trim() || 'Something went wrong.', 1000))}`;
  const blocks = [section(line, 'error')];
  if (opts.usage) blocks.push(section(usageText(), 'usage'));
  return finishView(line, blocks);
}
