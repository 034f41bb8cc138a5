import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildJobSession } from '../test/helpers/build-session.js';
import { subjectOfSession, type AlertSubject } from '../src/watcher/alert-subject.js';
import { decide } from '../src/watcher/decide.js';
import { createLowdbAlertStore } from '../src/watcher/lowdb-alert-store.js';
import { emptyState, pruneState, type WatcherState } from '../src/watcher/state.js';
import type { SectionResult } from './section.js';
import { cpuMsSince, median, round } from './stats.js';

export const SESSIONS = 1_000_000;
export const DAYS = 30;
export const POLL_MS = 60_000;
const LOOKBACK_MS = 3_600_000;
const JOBS = 200;
export const START = Date.parse('2025-11-01T00:00:00Z');

/**
 * Section 5b: 1M alerted sessions over 30 days through the watcher's pure parts (decide, then pruneState as
 * runOnce calls it), one poll a minute; the state saved with the lowdb store each simulated day and at the end.
 */
export async function benchStateSize(): Promise<SectionResult> {
  const folder = mkdtempSync(join(tmpdir(), 'veeam-bench-state-'));
  const file = join(folder, 'state.json');
  const store = createLowdbAlertStore(file);
  const state = emptyState();
  state.firstStartedAt = START;
  const polls = (DAYS * 86_400_000) / POLL_MS;
  const pollCpuMs: number[] = [];
  const dailyBytes: number[] = [];
  let made = 0;
  try {
    for (let poll = 1; poll <= polls; poll += 1) {
      const now = START + poll * POLL_MS;
      const due = Math.round((SESSIONS * poll) / polls);
      const subjects = buildSubjects(made, due, now);
      made = due;
      const cpu = process.cpuUsage();
      runPurePoll(state, subjects, now);
      pollCpuMs.push(cpuMsSince(cpu));
      if (poll % (86_400_000 / POLL_MS) === 0) {
        await store.save(state);
        dailyBytes.push(statSync(file).size);
      }
    }
    await store.save(state);
    const bytes = statSync(file).size;
    const records = Object.keys(state.alerts).length;
    return result(bytes, records, made, dailyBytes, pollCpuMs);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What runOnce does with the state around delivery: decide, mark sent (as a post would), prune. */
export function runPurePoll(state: WatcherState, subjects: AlertSubject[], now: number): void {
  const since = Math.max(state.firstStartedAt ?? 0, (state.lastPollAt ?? now) - LOOKBACK_MS);
  const planned = decide(state, subjects, { alertChannel: 'CALERTS', retryGraceMs: 0, now });
  for (const { record } of planned) {
    record.status = 'sent';
    record.ts = `${Math.floor(now / 1000)}.${record.uid.slice(-6)}`;
  }
  state.lastPollAt = now;
  pruneState(state, since - LOOKBACK_MS, now);
}

/** Sessions number `from` to `to`, ended evenly over the minute before `now`, Failed or Warning. */
export function buildSubjects(from: number, to: number, now: number): AlertSubject[] {
  const subjects: AlertSubject[] = [];
  for (let n = from; n < to; n += 1) {
    const endTime = new Date(now - POLL_MS + ((n - from + 1) * POLL_MS) / (to - from + 1));
    const session = buildJobSession({
      kind: n % 10 < 7 ? 'BackupJobSession' : 'ReplicaJobSession',
      id: `6a1f0c3e-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      jobName: `Job ${(n % JOBS) + 1}`,
      result: n % 3 === 0 ? 'Failed' : 'Warning',
      endTime,
    });
    subjects.push(subjectOfSession(session));
  }
  return subjects;
}

function result(
  bytes: number,
  records: number,
  sessions: number,
  dailyBytes: number[],
  pollCpuMs: number[],
): SectionResult {
  const perRecord = records > 0 ? bytes / records : 0;
  return {
    id: 'state',
    title: `State file: ${sessions.toLocaleString('en-US')} alerted sessions over ${DAYS} days, a poll a minute, pruning on`,
    rows: [
      {
        measure: 'state file after 1M sessions',
        value: `${round(bytes / 1024)} KiB (${records} records)`,
        goal: 'flat: <= x1.2 of day 1',
        met: bytes <= (dailyBytes[0] ?? 0) * 1.2,
      },
      { measure: 'largest daily save', value: `${round(Math.max(...dailyBytes) / 1024)} KiB` },
      { measure: 'without pruning (estimate)', value: `${round((perRecord * sessions) / 1024 / 1024)} MiB` },
      {
        measure: 'decide + prune CPU per poll (median / max)',
        value: `${round(median(pollCpuMs), 3)} / ${round(Math.max(...pollCpuMs), 1)} ms`,
      },
    ],
    figures: {
      sessions,
      days: DAYS,
      pollMs: POLL_MS,
      bytes,
      records,
      bytesPerRecord: perRecord,
      dailyBytes,
      decidePruneCpuMsMedian: median(pollCpuMs),
    },
  };
}
