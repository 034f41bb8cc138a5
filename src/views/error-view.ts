import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate } from './format/truncate.js';
import { section } from './blocks.js';
import { finishView } from './finish-view.js';
import { usageText, type UsageEntry } from './help-view.js';

/** Options of buildErrorView. */
export interface ErrorViewOptions {
  /** Add this command list under the answer. */
  usage?: readonly UsageEntry[];
}

/** A one-line answer for something that went wrong (the message is escaped), plus the usage when asked. */
export function buildErrorView(message: string, opts: ErrorViewOptions = {}): SlackMessage {
  const line = `:warning: ${escapeMrkdwn(truncate(message.trim() || 'Something went wrong.', 1000))}`;
  const blocks = [section(line, 'error')];
  if (opts.usage) blocks.push(section(usageText(opts.usage), 'usage'));
  return finishView(line, blocks);
}
