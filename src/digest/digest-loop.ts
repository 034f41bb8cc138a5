import type { DigestConfig } from '../config/load-config.js';
import type { EmClient } from '../em/client.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ChatPort } from '../watcher/chat-port.js';
import { emSkew } from '../watcher/em-clock.js';
import type { DigestRecord, WatcherState } from '../watcher/state.js';
import { digestDue, digestKey, type DigestDue } from './digest-due.js';
import { localDate } from './local-time.js';
import { postDigest } from './post-digest.js';
import { prepareDailyDigest } from './prepare-digest.js';

/** Digest records older than this go: only today's is ever due, the rest is kept a few days for the record. */
export const DIGEST_KEEP_MS = 4 * 24 * 3_600_000;

/** What one digest run did. */
export interface DigestRunReport {
  posted: string[];
  failed: string[];
}

/** The daily digest's own loop: each run posts every channel's digest that is due, exactly once a day. */
export interface DigestLoop {
  /** One run over all digest channels; never throws (a failed channel is retried next run). */
  runOnce(): Promise<DigestRunReport>;
}

/** What the digest loop needs: the watcher's live state and serialised save, EM, the chat, the clock. */
export interface DigestLoopDeps {
  state: () => WatcherState;
  save: () => Promise<void>;
  client: EmClient;
  chat: ChatPort;
  clock: Clock;
  logger: Logger;
  digest: DigestConfig;
  repoWarnPercent: number;
  /** REPO_CRIT_PERCENT: the repository chart's red level. */
  repoCritPercent?: number;
  /** RPO_DEFAULT: the digest judges stale VMs as the protection loop and `/veeam report` do. */
  rpoDefaultMs?: number;
  /**
   * The local demo: from this instant today's digest is due once even before DIGEST_TIME, so a newcomer sees
   * one a minute after start (the same pending/sent records keep it to once).
   */
  demoDueAtMs?: number;
}

/** Builds the digest loop over the watcher's live state and its serialised save. */
export function createDigestLoop(deps: DigestLoopDeps): DigestLoop {
  return {
    async runOnce() {
      const report: DigestRunReport = { posted: [], failed: [] };
      if (pruneDigests(deps.state(), deps.clock.now())) await deps.save();
      for (const channel of deps.digest.channels) {
        try {
          if (await runChannel(deps, channel)) report.posted.push(channel);
        } catch (error) {
          report.failed.push(channel);
          deps.logger.error({ channel, err: String(error) }, 'could not post the digest; retried next run');
        }
      }
      return report;
    },
  };
}

/** Posts one channel's digest when it is due; true when a message went out now. */
async function runChannel(deps: DigestLoopDeps, channel: string): Promise<boolean> {
  const state = deps.state();
  const nowMs = deps.clock.now();
  const { time, timeZone } = deps.digest;
  const record = state.digests?.[digestKey(channel, localDate(nowMs, timeZone))];
  const due =
    digestDue({ nowMs, timeZone, time, firstStartedAt: state.firstStartedAt, record }) ??
    demoDue(deps.demoDueAtMs, nowMs, timeZone, record);
  if (!due) return false;
  const ctx = { state, chat: deps.chat, now: () => deps.clock.now(), save: deps.save, logger: deps.logger };
  return postDigest(ctx, channel, due, () =>
    prepareDailyDigest(deps.client, {
      // The windows are read on EM's clock (docs/em-protocol.md, "The server's clock").
      nowMs: nowMs + emSkew(state),
      date: due.date,
      late: due.late,
      timeZone,
      repoWarnPercent: deps.repoWarnPercent,
      ...(deps.repoCritPercent !== undefined ? { repoCritPercent: deps.repoCritPercent } : {}),
      ...(deps.rpoDefaultMs !== undefined ? { rpoDefaultMs: deps.rpoDefaultMs } : {}),
      state,
    }),
  );
}

/** The demo's one early digest: due from `atMs` until today's is sent. */
function demoDue(
  atMs: number | undefined,
  nowMs: number,
  timeZone: string,
  record: DigestRecord | undefined,
): DigestDue | undefined {
  if (atMs === undefined || nowMs < atMs || record?.status === 'sent') return undefined;
  return {
    date: localDate(nowMs, timeZone),
    scheduledMs: atMs,
    late: false,
    settle: record?.status === 'pending',
  };
}

/** Drops digest records decided longer ago than DIGEST_KEEP_MS; true when any went. */
export function pruneDigests(state: WatcherState, nowMs: number): boolean {
  let pruned = false;
  for (const [key, record] of Object.entries(state.digests ?? {})) {
    if (nowMs - record.decidedAt > DIGEST_KEEP_MS) {
      delete state.digests?.[key];
      pruned = true;
    }
  }
  return pruned;
}
