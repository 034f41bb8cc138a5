import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDailyDigest } from '../../../src/digest/prepare-digest.js';
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
    const png = prepared.chart?.png ?? Buffer.alloc(0);
    expect(decodePng(png)).toMatchObject({ width: 1200, height: 675 });
    const withChart = prepared.withChart?.('F1');
    expect(withChart?.blocks.some((b) => b.type === 'image')).toBe(true);
    writeFileSync(join(tmpdir(), 'digest-sim-chart.png'), png);
  } finally {
    await client.close();
    await sim.stop();
  }
});
