import { context, header, section } from './blocks.js';
import type { SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { truncate } from './format/truncate.js';
import { finishView } from './finish-view.js';

/** One protection alert as a storm summary counts it: its kind, the job or repository, how many VMs, the level. */
export interface ProtectionStormItem {
  kind: 'missed' | 'disabled' | 'rpo' | 'repository';
  name: string;
  /** RPO alerts: how many VMs of the job went stale. */
  vms?: number;
  level?: 'warning' | 'critical';
}

/** Options of buildProtectionStormView. */
export interface ProtectionStormOptions {
  /** A Slack mention from config, put once on the summary; not escaped. */
  mention?: string;
  /** How many of the alerts get their own message in the summary's thread. */
  detailsShown: number;
}

/** Names listed per kind before "… and N more". */
const NAMES_CHARS = 700;

const KINDS = [
  { kind: 'missed', emoji: '⏰', title: 'Missed run', one: 'missed run', many: 'missed runs' },
  { kind: 'rpo', emoji: '⌛', title: 'RPO breached', one: 'RPO breach', many: 'RPO breaches' },
  { kind: 'repository', emoji: '💾', title: 'Repository space', one: 'repository', many: 'repositories' },
  {
    kind: 'disabled',
    emoji: '⏸️',
    title: 'Schedule disabled',
    one: 'schedule disabled',
    many: 'schedules disabled',
  },
] as const;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * One message instead of many when a protection check opens more alerts for a channel than STORM_THRESHOLD (a
 * backup server down: every job misses its run): the counts by kind in the title, the mention once, the names
 * per kind (worst kinds first), and where the rest is: the thread and `/veeam protection`.
 */
export function buildProtectionStormView(
  alerts: ProtectionStormItem[],
  opts: ProtectionStormOptions,
): SlackMessage {
  const groups = KINDS.map((k) => ({ ...k, items: alerts.filter((a) => a.kind === k.kind) })).filter(
    (g) => g.items.length > 0,
  );
  const counts = groups.map((g) => {
    const vms = g.items.reduce((n, a) => n + (a.vms ?? 0), 0);
    return `${plural(g.items.length, g.one, g.many)}${g.kind === 'rpo' ? ` (${plural(vms, 'VM')})` : ''}`;
  });
  const title = `${plural(alerts.length, 'protection alert')}: ${counts.join(', ')}`;
  const lines = groups.map((g) => `${g.emoji} *${g.title}*: ${names(g.items)}`);
  const rest = alerts.length - opts.detailsShown;
  const blocks = [
    header(`🛡️ ${title}`),
    ...(opts.mention ? [section(opts.mention, 'mention')] : []),
    section(lines.join('\n'), 'protection_storm'),
    context(
      [
        opts.detailsShown > 0
          ? `The first ${opts.detailsShown} in the thread${rest > 0 ? `, ${rest} more counted here` : ''}; summarised to keep the channel readable.`
          : 'Summarised to keep the channel readable.',
        '`/veeam protection` for the estate at a glance.',
      ],
      'protection_storm_hint',
    ),
  ];
  const text = [opts.mention, `${escapeMrkdwn(title)}.`, 'Run /veeam protection for the estate at a glance.'];
  return finishView(text.filter(Boolean).join(' '), blocks);
}

/** The names of one kind, literal and bold, the worst level first, cut with "… and N more". */
function names(items: ProtectionStormItem[]): string {
  const sorted = [...items].sort(
    (a, b) => Number(b.level === 'critical') - Number(a.level === 'critical') || a.name.localeCompare(b.name),
  );
  const out: string[] = [];
  let used = 0;
  for (const [index, item] of sorted.entries()) {
    const level = item.level
      ? ` (${item.level})`
      : item.vms !== undefined
        ? ` (${plural(item.vms, 'VM')})`
        : '';
    const shown = `${boldName(truncate(item.name, 150))}${level}`;
    if (used + shown.length > NAMES_CHARS && index > 0) {
      out.push(`… and ${sorted.length - index} more`);
      break;
    }
    out.push(shown);
    used += shown.length + 2;
  }
  return out.join(', ');
}
