import type { SlackMessage } from './format/block-kit.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { context, header, section } from './blocks.js';
import { finishView } from './finish-view.js';

/** One line of the usage card: the subcommand's name, how to type it and what it answers. */
export interface UsageEntry {
  readonly name: string;
  /** The subcommand with its arguments, e.g. `status <job or policy>`. */
  readonly usage: string;
  readonly summary: string;
}

/** The usage lines as mrkdwn: `` `/veeam status <job or policy>` the latest… `` (the `<>` escaped). */
export function usageText(entries: readonly UsageEntry[]): string {
  return entries.map((e) => `\`/veeam ${escapeMrkdwn(e.usage)}\` ${e.summary}`).join('\n');
}

/** The usage card for `/veeam help`: every entry in the blocks, every name in the fallback text. */
export function buildHelpView(entries: readonly UsageEntry[]): SlackMessage {
  const blocks = [
    header(':information_source: /veeam commands'),
    section(usageText(entries), 'usage'),
    context(['Names are matched loosely; pick from the suggestions when a name is ambiguous.'], 'hint'),
  ];
  return finishView(`/veeam commands: ${entries.map((e) => e.name).join(', ')}`, blocks);
}
