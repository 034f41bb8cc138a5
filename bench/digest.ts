import { webApi } from '@slack/bolt';
import { digestWithChart, gatherDigestFor, type DigestOptions } from '../src/digest/prepare-digest.js';
import type { PreparedDigest } from '../src/digest/post-digest.js';
import { silentLogger } from '../src/shared/logger.js';
import { startSimulator } from '../src/simulator/index.js';
import { createSlackChat } from '../src/slack/chat.js';
import type { ChatPort } from '../src/watcher/chat-port.js';
import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { simClient } from '../test/helpers/sim-client.js';
import type { SectionResult } from './section.js';
import { median, round } from './stats.js';

const JOBS = 1000;
const RUNS = 5;

/** Uploads a digest's charts through the chat's external upload flow (three Slack calls each), one after the other. */
async function uploadCharts(chat: ChatPort, prepared: PreparedDigest): Promise<void> {
  for (const chart of prepared.charts ?? []) {
    await chat.uploadFile!({
      filename: chart.filename,
      title: chart.title,
      altText: chart.altText,
      bytes: chart.png,
    });
  }
}

/**
 * The daily digest at ~1,000 jobs: one failing session per job in the simulator; the digest's EM requests and
 * bytes (the simulator's stats), the charts' render time (vega-lite -> SVG -> PNG: the 7-day trend and repository
 * usage), their upload to a fake Slack Web API on loopback (getUploadURLExternal, the bytes, completeUploadExternal
 * per chart) and the peak RSS added.
 */
export async function benchDigest(): Promise<SectionResult> {
  const sim = await startSimulator({ history: 0, live: false });
  const client = simClient(sim);
  const slack = await startFakeSlack();
  const web = new webApi.WebClient('xoxb-bench', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logLevel: webApi.LogLevel.ERROR,
  });
  const chat = createSlackChat(web, silentLogger, { channelIntervalMs: 0 });
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
    const opts: DigestOptions = {
      nowMs: now,
      date: '2025-11-20',
      late: false,
      timeZone: 'UTC',
      repoWarnPercent: 15,
    };
    const gatherStart = performance.now();
    const data = await gatherDigestFor(client, opts);
    const gatherMs = performance.now() - gatherStart;
    const stats = sim.stats();
    const renderMs: number[] = [];
    const uploadMs: number[] = [];
    let prepared: PreparedDigest = { message: { text: '', blocks: [] } };
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      prepared = await digestWithChart(data, opts);
      renderMs.push(performance.now() - t);
      const u = performance.now();
      await uploadCharts(chat, prepared);
      uploadMs.push(performance.now() - u);
    }
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const charts = prepared.charts ?? [];
    const uploadCalls = slack.calls.filter((c) =>
      ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'].includes(c.method),
    ).length;
    const figures = {
      jobs: JOBS,
      problemJobs: data.problems.length,
      emRequests: stats.requests.total,
      emBytes: stats.bytes.total,
      gatherMs: round(gatherMs, 0),
      charts: charts.length,
      renderMsFirst: round(renderMs[0] ?? 0, 0),
      renderMsMedian: round(median(renderMs), 0),
      uploadMsFirst: round(uploadMs[0] ?? 0, 0),
      uploadMsMedian: round(median(uploadMs), 0),
      uploadCallsPerDigest: uploadCalls / RUNS,
      pngBytes: charts.map((c) => c.png.length),
      peakRssAddedMiB: round((peakRss - baseRss) / 1_048_576, 1),
    };
    const kib = figures.pngBytes.map((b) => `${round(b / 1024, 0)}`).join(' + ');
    return {
      id: 'digest',
      title: `Daily digest at ${JOBS} jobs`,
      rows: [
        { measure: 'EM requests for one digest', value: String(figures.emRequests) },
        { measure: 'EM bytes for one digest', value: `${round(figures.emBytes / 1024, 0)} KiB` },
        { measure: 'Gather time (EM on loopback)', value: `${figures.gatherMs} ms` },
        {
          measure: `Render of the ${figures.charts} charts, first / median`,
          value: `${figures.renderMsFirst} / ${figures.renderMsMedian} ms`,
        },
        {
          measure: `Upload to Slack (fake, loopback; ${figures.uploadCallsPerDigest} calls), first / median`,
          value: `${figures.uploadMsFirst} / ${figures.uploadMsMedian} ms`,
        },
        { measure: 'Chart PNG sizes', value: `${kib} KiB` },
        { measure: 'Peak RSS added', value: `${figures.peakRssAddedMiB} MiB` },
      ],
      figures,
    };
  } finally {
    await client.close();
    await slack.stop();
    await sim.stop();
  }
}
