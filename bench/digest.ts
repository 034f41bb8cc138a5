import { renderChartPng } from '../src/digest/chart-render.js';
import { trendChartSpec } from '../src/digest/chart-specs.js';
import { gatherDigestFor } from '../src/digest/prepare-digest.js';
import { startSimulator } from '../src/simulator/index.js';
import { simClient } from '../test/helpers/sim-client.js';
import type { SectionResult } from './section.js';
import { median, round } from './stats.js';

const JOBS = 1000;
const RENDERS = 5;

/**
 * The daily digest at ~1,000 jobs: one failing session per job in the simulator; the digest's EM requests and
 * bytes (the simulator's stats), the 7-day chart's render time (vega-lite -> SVG -> PNG), and the peak RSS added.
 */
export async function benchDigest(): Promise<SectionResult> {
  const sim = await startSimulator({ history: 0, live: false });
  const client = simClient(sim);
  try {
    const now = sim.clock.now();
    for (let i = 0; i < JOBS; i++) {
      sim.createSession({
        type: 'BackupJobSession',
        jobName: `Bench Job ${i}`,
        state: 'Stopped',
        result: i % 3 === 0 ? 'Warning' : 'Failed',
        creationTime: new Date(now - ((i % 20) + 2) * 3_600_000).toISOString(),
        endTime: new Date(now - ((i % 20) + 1) * 3_600_000).toISOString(),
      });
    }
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
    sim.resetStats();
    const gatherStart = performance.now();
    const data = await gatherDigestFor(client, {
      nowMs: now,
      date: '2025-11-20',
      late: false,
      timeZone: 'UTC',
      repoWarnPercent: 15,
    });
    const gatherMs = performance.now() - gatherStart;
    const stats = sim.stats();
    const renderMs: number[] = [];
    let pngBytes = 0;
    for (let i = 0; i < RENDERS; i++) {
      const t = performance.now();
      const chart = await renderChartPng(trendChartSpec(data.trend, 'Sessions per day (UTC)'));
      renderMs.push(performance.now() - t);
      pngBytes = chart.png.length;
    }
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const figures = {
      jobs: JOBS,
      problemJobs: data.problems.length,
      emRequests: stats.requests.total,
      emBytes: stats.bytes.total,
      gatherMs: round(gatherMs, 0),
      renderMsFirst: round(renderMs[0] ?? 0, 0),
      renderMsMedian: round(median(renderMs), 0),
      pngBytes,
      peakRssAddedMiB: round((peakRss - baseRss) / 1_048_576, 1),
    };
    return {
      id: 'digest',
      title: `Daily digest at ${JOBS} jobs`,
      rows: [
        { measure: 'EM requests for one digest', value: String(figures.emRequests) },
        { measure: 'EM bytes for one digest', value: `${round(figures.emBytes / 1024, 0)} KiB` },
        { measure: 'Gather time (EM on loopback)', value: `${figures.gatherMs} ms` },
        {
          measure: 'Chart render, first / median',
          value: `${figures.renderMsFirst} / ${figures.renderMsMedian} ms`,
        },
        { measure: 'Chart PNG size', value: `${round(pngBytes / 1024, 0)} KiB` },
        { measure: 'Peak RSS added', value: `${figures.peakRssAddedMiB} MiB` },
      ],
      figures,
    };
  } finally {
    await client.close();
    await sim.stop();
  }
}
