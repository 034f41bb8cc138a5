import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestWithChart, gatherDigestFor, prepareDailyDigest } from '../../../src/digest/prepare-digest.js';
import { summaryJobStatistics } from '../../../src/em/reports.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { decodePng } from '../../helpers/png-decode.js';
import { blockById } from '../../helpers/slack-blocks.js';
import { simClient } from '../../helpers/sim-client.js';

it('prepares a daily digest from the simulator: numbers in text and blocks, a 1200x675 chart', async () => {
  const sim = await startManualSimulator({ history: 300 });
  const client = simClient(sim);
  try {
    const prepared = await prepareDailyDigest(client, {
      nowMs: sim.clock.now(),
      date: '2025-06-10',
      late: false,
      timeZone: 'Europe/Berlin',
      repoWarnPercent: 10,
    });
    const report = await summaryJobStatistics(client);
    const summary = blockById(prepared.message, 'digest:summary').text?.text ?? '';
    expect(prepared.message.text).toContain('sessions:');
    expect(blockById(prepared.message, 'digest:kinds').fields?.length).toBe(4);
    expect(summary).toMatch(/\d+ sessions: \d+ success/);
    expect(report.totalRuns).toBeGreaterThan(0);
    const [trend, repositories] = prepared.charts ?? [];
    const png = trend?.png ?? Buffer.alloc(0);
    expect(decodePng(png)).toMatchObject({ width: 1200, height: 675 });
    expect(trend?.filename).toBe('digest-2025-06-10.png');
    // The simulator has repositories: the second chart is theirs, named next to the first.
    expect(repositories?.filename).toBe('digest-2025-06-10-repositories.png');
    expect(decodePng(repositories?.png ?? Buffer.alloc(0))).toMatchObject({ width: 1200, height: 675 });
    const withCharts = prepared.withCharts?.({ trend: 'F1', repositories: 'F2' });
    const images = withCharts?.blocks.filter((b) => b.type === 'image') as Array<{ slack_file?: unknown }>;
    expect(images.map((b) => b.slack_file)).toEqual([{ id: 'F1' }, { id: 'F2' }]);
    writeFileSync(join(tmpdir(), 'digest-sim-chart.png'), png);
  } finally {
    await client.close();
    await sim.stop();
  }
});

it('renders no repository chart when EM reports no repositories', async () => {
  const sim = await startManualSimulator({ history: 50 });
  const client = simClient(sim);
  try {
    const opts = {
      nowMs: sim.clock.now(),
      date: '2025-06-10',
      late: false,
      timeZone: 'UTC',
      repoWarnPercent: 10,
    };
    const data = await gatherDigestFor(client, opts);
    expect(data.repositories.length).toBeGreaterThan(0);
    const prepared = await digestWithChart({ ...data, repositories: [] }, opts);
    expect(prepared.charts?.map((c) => c.key)).toEqual(['trend']);
  } finally {
    await client.close();
    await sim.stop();
  }
});
