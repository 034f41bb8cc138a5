import { escapeMrkdwn } from '../views/format/escape-mrkdwn.js';
import { formatSize } from '../views/format/format-size.js';
import { truncate } from '../views/format/truncate.js';
import {
  DIGEST_KINDS,
  noCounts,
  totalOf,
  type DigestData,
  type DigestDay,
  type DigestKind,
  type DigestRepository,
  type ResultCounts,
} from './digest-types.js';

/** How each session type reads. */
export const KIND_LABELS: Record<DigestKind, string> = {
  backup: 'Backup',
  replica: 'Replica',
  cdp: 'CDP',
  failover: 'Failover',
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon 30 Mar` for a `YYYY-MM-DD` local date (no zone involved: it already is the local date). */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return `${WEEKDAYS[day.getUTCDay()]} ${d} ${MONTHS[(m ?? 1) - 1]}`;
}

/** All types summed. */
export function windowTotals(data: DigestData): ResultCounts {
  const sum = noCounts();
  for (const k of DIGEST_KINDS) {
    sum.success += data.byKind[k].success;
    sum.warning += data.byKind[k].warning;
    sum.failed += data.byKind[k].failed;
  }
  return sum;
}

/** Success share of finished sessions, whole percent; undefined when nothing finished. */
export function successRate(c: ResultCounts): number | undefined {
  const total = totalOf(c);
  return total === 0 ? undefined : Math.floor((c.success / total) * 1000) / 10;
}

/** `12 sessions: 9 success, 2 warning, 1 failed`. */
export function countsLine(c: ResultCounts): string {
  return `${totalOf(c)} sessions: ${c.success} success, ${c.warning} warning, ${c.failed} failed`;
}

/** The one-line summary of the window: totals and the success rate. */
export function summaryLine(data: DigestData): string {
  const totals = windowTotals(data);
  const rate = successRate(totals);
  const rateText = rate === undefined ? 'no finished sessions' : `success rate ${rate}%`;
  return `Last ${escapeMrkdwn(data.window.label)}: ${countsLine(totals)} · ${rateText}`;
}

/** One type's line. */
export function kindLine(kind: DigestKind, c: ResultCounts): string {
  return `${KIND_LABELS[kind]}: ${c.success} success, ${c.warning} warning, ${c.failed} failed`;
}

const BAR_WIDTH = 20;

/** A text bar of one day: `█` success, `▒` warning, `░` failed, scaled to the busiest day. */
export function textBar(c: ResultCounts, max: number): string {
  if (max === 0) return '';
  const cells = (n: number): number => (n === 0 ? 0 : Math.max(1, Math.round((n / max) * BAR_WIDTH)));
  return '█'.repeat(cells(c.success)) + '▒'.repeat(cells(c.warning)) + '░'.repeat(cells(c.failed));
}

/** The trend as lines with text bars, oldest day first: what the chart shows, readable without it. */
export function trendLines(trend: DigestDay[]): string[] {
  const max = Math.max(0, ...trend.map((d) => totalOf(d.counts)));
  return trend.map(
    (d) =>
      `${dayLabel(d.date)}  ${textBar(d.counts, max)}  ${d.counts.success}/${d.counts.warning}/${d.counts.failed}`,
  );
}

/** Repositories below the warning level, fullest first. */
export function lowRepositories(data: DigestData): DigestRepository[] {
  return data.repositories.filter((r) => r.freePercent !== undefined && r.freePercent < data.repoWarnPercent);
}

/** `Repo A: 4.1% free (12 GB of 300 GB)`. */
export function repositoryLine(r: DigestRepository): string {
  const free = `${formatSize(r.freeBytes)} of ${formatSize(r.capacityBytes)}`;
  return `${escapeMrkdwn(truncate(r.name, 100))}: ${r.freePercent ?? '?'}% free (${free})`;
}

/** The chart's alt text: the trend's numbers, one day a clause. */
export function trendAltText(trend: DigestDay[]): string {
  const days = trend.map(
    (d) =>
      `${dayLabel(d.date)}: ${d.counts.success} success, ${d.counts.warning} warning, ${d.counts.failed} failed`,
  );
  return `Sessions per day, last ${trend.length} days. ${days.join('; ')}.`;
}

/** The repository chart's alt text: each charted repository's used and free share, fullest first. */
export function repositoryAltText(repositories: DigestRepository[]): string {
  const lines = repositories.map(
    (r) => `${r.name}: ${Math.round((100 - (r.freePercent ?? 0)) * 10) / 10}% used, ${r.freePercent}% free`,
  );
  return `Repository usage, fullest first. ${lines.join('; ')}.`;
}
