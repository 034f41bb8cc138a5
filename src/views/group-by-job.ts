import type { Session } from '../em/types.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { resultRank } from './format/result-emoji.js';
import { truncate } from './format/truncate.js';

/** The sessions of one job, worst and newest first, with the count per result. */
export interface JobGroup {
  job: string;
  sessions: Session[];
  counts: Map<string, number>;
  /** The rank of the worst result (see resultRank). */
  worst: number;
  newest: number;
}

const time = (s: Session): number => s.creationTime?.getTime() ?? 0;
const worstFirst = (a: Session, b: Session): number =>
  resultRank(a.result) - resultRank(b.result) || time(b) - time(a);

/** Groups sessions by job (or policy / plan), the worst group first (Failed before Warning), then the newest. */
export function groupByJob(sessions: Session[]): JobGroup[] {
  const byJob = new Map<string, Session[]>();
  for (const s of sessions) {
    const job = s.jobName || s.name;
    byJob.set(job, [...(byJob.get(job) ?? []), s]);
  }
  const groups = [...byJob].map(([job, list]): JobGroup => {
    const sorted = list.sort(worstFirst);
    const counts = new Map<string, number>();
    for (const s of sorted) counts.set(s.result, (counts.get(s.result) ?? 0) + 1);
    const first = sorted[0];
    return {
      job,
      sessions: sorted,
      counts,
      worst: first ? resultRank(first.result) : 3,
      newest: Math.max(...sorted.map(time)),
    };
  });
  return groups.sort((a, b) => a.worst - b.worst || b.newest - a.newest);
}

/** `2 failed, 1 warning` (or `3 running`), the worst first; mrkdwn, escaped. */
export function countsText(counts: Map<string, number>): string {
  const label = (result: string): string =>
    result === 'None' || result === '' ? 'running' : escapeMrkdwn(truncate(result.toLowerCase(), 40));
  return [...counts]
    .sort(([a], [b]) => resultRank(a) - resultRank(b))
    .map(([result, n]) => `${n} ${label(result)}`)
    .join(', ');
}
