import { renameStormEpisodes } from './storm-claims.js';
import type { ProtectionConfig } from '../config/load-config.js';
import { BOOTSTRAP_WINDOW_MS } from '../protection/assess.js';
import { isWatchedJob } from '../protection/watched.js';
import { buildProtectionSummaryView } from '../views/protection-alert-view.js';
import { noteReachable } from './outage.js';
import type { PollContext } from './poll-context.js';
import {
  assessSnapshot,
  rpoOfRemembered,
  type ProtectionAlert,
  type ProtectionEvents,
} from './protection-assess.js';
import { deliverProtectionAlerts } from './protection-alerts.js';
import { claimableAlert, closeProtectionClaims } from './protection-claims.js';
import { postProtection, postRecoveries, settleProtection } from './protection-deliver.js';
import { messageOf } from './protection-messages.js';
import { newestStartOf, readProtection, recentSessionsOf } from './protection-read.js';
import { emptyProtectionMemory, pruneProtection, type ProtectionMemory } from './protection-state.js';

/** The context of a protection check: a poll's, plus the protection settings. */
export type ProtectionContext = PollContext & { protection: ProtectionConfig };

/** What one check did. */
export interface ProtectionReport {
  opened: number;
  summarised: number;
  recovered: number;
}

/**
 * One protection check: settle what a crash left pending, read EM (throws on EM trouble, before anything is
 * judged, so an outage never reads as a missed run), judge, post what is new, reply to what recovered, save.
 */
export async function protectionCheck(ctx: ProtectionContext): Promise<ProtectionReport> {
  const memory = (ctx.state.protection ??= emptyProtectionMemory());
  await settleProtection(ctx, memory);
  const now = ctx.now();
  const snapshot = await readProtection(ctx.em, {
    since: new Date(now - windowMs(ctx, memory)),
    missedBefore: now - ctx.protection.missedRunGraceMs,
    isWatched: (job) => isWatchedJob(job, { kinds: ctx.config.kinds, pattern: ctx.protection.jobs }),
    policies: ctx.config.kinds.includes('cdp'),
    openMissed: new Map(
      Object.values(memory.episodes)
        .filter((e) => e.kind === 'missed' && e.recoveredAt === undefined && e.jobUid !== undefined)
        .map((e) => [e.jobUid as string, e.dueAt ?? e.startedAt - ctx.protection.missedRunGraceMs]),
    ),
  });
  await noteReachable(ctx);
  const events = assessSnapshot(memory, snapshot, {
    now,
    config: ctx.protection,
    overrides: ctx.state.rpoOverrides,
  });
  renameStormEpisodes(ctx.state, events.renamed);
  const first = memory.baselineAt === undefined;
  const summarised = first ? await baseline(ctx, memory, events, now) : 0;
  await readRecentSessions(ctx, events.opened);
  // What ALERT_BACKFILL lets through at the first start is alerted individually (the word), never stormed.
  await deliverProtectionAlerts(ctx, memory, events.opened, { storms: !first });
  await postRecoveries(
    ctx,
    memory,
    events.recovered.filter((r) => r.episode.announced === 'alert'),
  );
  await closeProtectionClaims(
    ctx,
    memory,
    events.recovered.map((r) => r.episode),
  );
  await updateRepositories(ctx, events);
  pruneProtection(memory, now);
  await ctx.save();
  return { opened: events.opened.length, summarised, recovered: events.recovered.length };
}

/** Since when points are read: the first check looks back BOOTSTRAP_WINDOW_MS, later ones the longest RPO. */
function windowMs(ctx: ProtectionContext, memory: ProtectionMemory): number {
  if (memory.lastCheckAt === null) return BOOTSTRAP_WINDOW_MS;
  let longest = 3_600_000;
  for (const [uid, job] of Object.entries(memory.jobs)) {
    const rpo = rpoOfRemembered(uid, memory, ctx.state.rpoOverrides, ctx.protection);
    if (rpo && job.enabled) longest = Math.max(longest, rpo.ms);
  }
  return Math.min(BOOTSTRAP_WINDOW_MS, longest + (ctx.now() - memory.lastCheckAt));
}

/**
 * The first check: breaches that started before the first start (minus ALERT_BACKFILL) are history: counted
 * in one summary and marked announced; the others stay in `events.opened` to be alerted one by one.
 */
async function baseline(
  ctx: ProtectionContext,
  memory: ProtectionMemory,
  events: ProtectionEvents,
  now: number,
): Promise<number> {
  memory.baselineAt = now;
  const backfill = ctx.protection.backfillMs;
  const cutoff = (ctx.state.firstStartedAt ?? now) - backfill;
  const isHistory = (alert: ProtectionAlert): boolean =>
    alert.episodes.every((e) =>
      backfill === 0 ? e.startedAt < cutoff || e.kind === 'repository' : e.startedAt < cutoff,
    );
  const history = events.opened.filter(isHistory);
  events.opened = events.opened.filter((alert) => !isHistory(alert));
  for (const alert of history) for (const e of alert.episodes) e.announced = 'summary';
  const count = (kind: ProtectionAlert['kind']) =>
    history.filter((a) => a.kind === kind).reduce((n, a) => n + a.episodes.length, 0);
  const summary = { missedJobs: count('missed'), staleVms: count('rpo'), repositories: count('repository') };
  const channel = ctx.config.alertChannel;
  if (channel && summary.missedJobs + summary.staleVms + summary.repositories > 0) {
    const allCritical = history.every((a) => a.kind !== 'repository' || a.level === 'critical');
    const repoPercent = allCritical ? ctx.protection.repoCritPercent : ctx.protection.repoWarnPercent;
    await postProtection(ctx, memory, {
      key: `protection-summary:${now}`,
      channel,
      episodes: [],
      message: buildProtectionSummaryView({ ...summary, repoPercent }),
    });
  }
  return history.length;
}

/**
 * The last sessions of each job an RPO alert names, and the newest start of each job a missed-run alert names: one
 * small query per alerted job, after judging (the cost grows with the alerts, not the estate). A failed read leaves
 * the alert without them: the episodes are already open.
 */
async function readRecentSessions(ctx: ProtectionContext, alerts: ProtectionAlert[]): Promise<void> {
  for (const alert of alerts) {
    if (alert.kind !== 'rpo' && alert.kind !== 'missed') continue;
    try {
      // The check read starts only since the missed slots; the alert shows the newest start before it too.
      if (alert.kind === 'missed') alert.lastStartedAt ??= await newestStartOf(ctx.em, alert.job);
      else alert.sessions = await recentSessionsOf(ctx.em, alert.job);
    } catch (error) {
      ctx.logger.warn(
        { job: alert.job.name, err: String(error) },
        'could not read the last sessions of a job',
      );
    }
  }
}

/** Open repository alerts follow their free space in place (a storm's summary stays as it is). */
async function updateRepositories(ctx: ProtectionContext, events: ProtectionEvents): Promise<void> {
  for (const { episode, repository } of events.changed) {
    const level = episode.level === 'critical' ? 'critical' : 'warning';
    const alert: ProtectionAlert = {
      kind: 'repository',
      key: episode.key,
      repository,
      episodes: [episode],
      level,
    };
    const message = claimableAlert(
      alert,
      messageOf(alert, { protection: ctx.protection, watcher: ctx.config }),
    );
    for (const [channel, ts] of Object.entries(episode.messages)) {
      if (episode.inStorm?.includes(channel)) continue;
      await ctx.chat
        .update({ channel, ts, text: message.text, blocks: message.blocks })
        .catch((error: unknown) => {
          ctx.logger.warn({ channel, err: String(error) }, 'could not update a repository alert');
        });
    }
  }
}
