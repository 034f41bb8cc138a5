import type { EmClient } from '../em/client.js';
import type { IncidentRecord, WatcherState } from '../watcher/state.js';
import { renderChartPng } from './chart-render.js';
import { trendChartSpec } from './chart-specs.js';
import { trendAltText } from './digest-text.js';
import type { DigestIncident } from './digest-types.js';
import { buildDigestView } from './digest-view.js';
import { gatherDigest } from './gather-digest.js';
import type { PreparedDigest } from './post-digest.js';

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

/** Gathers, renders and builds one daily digest for `date`: the message, the chart, and the message with it. */
export async function prepareDailyDigest(
  em: EmClient,
  opts: {
    nowMs: number;
    date: string;
    late: boolean;
    timeZone: string;
    repoWarnPercent: number;
    state?: WatcherState;
  },
): Promise<PreparedDigest> {
  const data = await gatherDigest(em, {
    nowMs: opts.nowMs,
    windowMs: DAY_MS,
    windowLabel: '24h',
    timeZone: opts.timeZone,
    repoWarnPercent: opts.repoWarnPercent,
    incidents: incidentsOf(opts.state),
  });
  const chart = await renderChartPng(trendChartSpec(data.trend, `Sessions per day (${opts.timeZone})`));
  const view = { date: opts.date, late: opts.late };
  return {
    message: buildDigestView(data, view),
    withChart: (fileId) => buildDigestView(data, { ...view, chartFileId: fileId }),
    chart: { png: chart.png, altText: trendAltText(data.trend), filename: `digest-${opts.date}.png` },
  };
}
