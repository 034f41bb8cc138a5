import { protectionOverview } from '../protection/overview.js';
import type { EmClient } from '../em/client.js';
import type { IncidentRecord, WatcherState } from '../watcher/state.js';
import { renderChartPng } from './chart-render.js';
import { chartedRepositories, repositoryChartSpec, trendChartSpec } from './chart-specs.js';
import { repositoryAltText, trendAltText } from './digest-text.js';
import type { DigestBreach, DigestData, DigestIncident } from './digest-types.js';
import { buildDigestView } from './digest-view.js';
import { gatherDigest } from './gather-digest.js';
import type { PreparedChart, PreparedDigest } from './post-digest.js';

const DAY_MS = 24 * 3_600_000;

/** Open incidents of the watcher state, with their claim when the state records one (claims may be absent). */
export function incidentsOf(state: Pick<WatcherState, 'incidents'> | undefined): DigestIncident[] {
  return Object.values(state?.incidents ?? {})
    .filter((i) => i.recoveredAt === undefined)
    .sort((a, b) => b.failures - a.failures)
    .map((i: IncidentRecord) => ({
      jobName: i.jobName,
      lastResult: i.lastResult,
      failures: i.failures,
      channel: i.channel,
      ts: i.ts,
      claimedBy: claimOf(i),
    }));
}

/** The name shown for an incident's claim (src/watcher/claims.ts records `{ by, name, at }`); undefined without one. */
export function claimOf(record: IncidentRecord): string | undefined {
  return record.claim?.name;
}

/** What one digest is read and built with. */
export interface DigestOptions {
  nowMs: number;
  date: string;
  late: boolean;
  timeZone: string;
  repoWarnPercent: number;
  /** REPO_CRIT_PERCENT, the repository chart's red level; default the lower of 5 and the warning level. */
  repoCritPercent?: number;
  state?: WatcherState;
  /** RPO_DEFAULT, to judge stale VMs as the protection loop does. */
  rpoDefaultMs?: number;
  /** The window counted back from now; default the daily digest's 24 h. */
  window?: { ms: number; label: string };
  /** `/veeam report`: the command a Share button re-runs in the channel. */
  shareCommand?: string;
}

/** Gathers one digest's numbers from EM (no chart): the window defaults to 24 h. */
export function gatherDigestFor(em: EmClient, opts: DigestOptions): Promise<DigestData> {
  return gatherDigest(em, {
    nowMs: opts.nowMs,
    windowMs: opts.window?.ms ?? DAY_MS,
    windowLabel: opts.window?.label ?? '24h',
    timeZone: opts.timeZone,
    repoWarnPercent: opts.repoWarnPercent,
    incidents: incidentsOf(opts.state),
  }).then((data) => {
    const breaches = breachesOf(opts);
    return breaches ? { ...data, breaches } : data;
  });
}

/** The protection loop's missed and stale jobs as of the digest's time; undefined before its first check. */
export function breachesOf(opts: DigestOptions): DigestBreach[] | undefined {
  const memory = opts.state?.protection;
  if (!memory) return undefined;
  return protectionOverview(memory, {
    now: opts.nowMs,
    overrides: opts.state?.rpoOverrides,
    rpoDefaultMs: opts.rpoDefaultMs,
  })
    .filter(
      (job): job is typeof job & { state: 'missed' | 'stale' } =>
        job.state === 'missed' || job.state === 'stale',
    )
    .map((job) => ({
      jobName: job.name,
      state: job.state,
      staleVms: job.vms.filter((vm) => vm.state === 'stale').length,
      vms: job.vms.length,
    }));
}

/** Renders the charts of gathered data (repository usage only when repositories exist) and builds the message. */
export async function digestWithChart(data: DigestData, opts: DigestOptions): Promise<PreparedDigest> {
  const trend = await renderChartPng(trendChartSpec(data.trend, `Sessions per day (${opts.timeZone})`));
  const charts: PreparedChart[] = [
    {
      key: 'trend',
      png: trend.png,
      altText: trendAltText(data.trend),
      filename: `digest-${opts.date}.png`,
      title: 'Sessions per day',
    },
  ];
  const repositories = await repositoryChart(data, opts);
  if (repositories) charts.push(repositories);
  const view = {
    date: opts.date,
    late: opts.late,
    ...(opts.shareCommand ? { shareCommand: opts.shareCommand } : {}),
  };
  return {
    message: buildDigestView(data, view),
    withCharts: (ids) =>
      buildDigestView(data, {
        ...view,
        ...(ids.trend ? { chartFileId: ids.trend } : {}),
        ...(ids.repositories ? { repositoryChartFileId: ids.repositories } : {}),
      }),
    charts,
  };
}

/** The repository-usage chart, coloured by REPO_WARN_PERCENT / REPO_CRIT_PERCENT; undefined without repositories. */
async function repositoryChart(data: DigestData, opts: DigestOptions): Promise<PreparedChart | undefined> {
  const shown = chartedRepositories(data.repositories);
  if (shown.length === 0) return undefined;
  const levels = {
    warnPercent: opts.repoWarnPercent,
    critPercent: Math.min(opts.repoCritPercent ?? 5, opts.repoWarnPercent),
  };
  const more = data.repositories.length > shown.length ? ` (${shown.length} fullest)` : '';
  const chart = await renderChartPng(repositoryChartSpec(shown, levels, `Repository usage${more}`));
  return {
    key: 'repositories',
    png: chart.png,
    altText: repositoryAltText(shown),
    filename: `digest-${opts.date}-repositories.png`,
    title: 'Repository usage',
  };
}

/** Gathers, renders and builds one digest for `date` (24 h unless `window`): the message, the chart, and both. */
export async function prepareDailyDigest(em: EmClient, opts: DigestOptions): Promise<PreparedDigest> {
  return digestWithChart(await gatherDigestFor(em, opts), opts);
}
