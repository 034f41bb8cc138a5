import type { EmClient } from '../../../src/em/client.js';
import { summaryJobStatistics, summaryRepositories } from '../../../src/em/reports.js';
import { problemsSince } from '../../../src/em/queries.js';
import { where } from '../../../src/em/query.js';
import { gatherDigest, KIND_SESSIONS } from '../../../src/digest/gather-digest.js';
import type { DigestData } from '../../../src/digest/digest-types.js';
import { zonedInstant } from '../../../src/digest/local-time.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';

const DAY = 24 * 3_600_000;
let sim: RunningSimulator;
let client: EmClient;
let data: DigestData;
let now: number;

beforeAll(async () => {
  sim = await startManualSimulator({ history: 300 });
  client = simClient(sim);
  now = sim.clock.now();
  data = await gatherDigest(client, {
    nowMs: now,
    windowMs: DAY,
    windowLabel: '24h',
    timeZone: 'Europe/Berlin',
    repoWarnPercent: 101,
    incidents: [],
  });
});
afterAll(async () => {
  await client.close();
  await sim.stop();
});

describe('gatherDigest against the simulator', () => {
  it('counts backup and replica runs of the last 24 h as the job statistics report does', async () => {
    const report = await summaryJobStatistics(client);
    const { backup, replica } = data.byKind;
    expect(backup.success + replica.success).toBe(report.successfulRuns);
    expect(backup.warning + replica.warning).toBe(report.warningRuns);
    expect(backup.failed + replica.failed).toBe(report.failedRuns);
    expect(report.totalRuns).toBeGreaterThan(0);
  });

  it('lists each job with a failed or warned session in the window once, worst first', async () => {
    const sessions = await problemsSince(client, new Date(now - DAY), 5000);
    const jobs = new Set(sessions.map((s) => s.jobName.toLowerCase()));
    expect(new Set(data.problems.map((p) => p.jobName.toLowerCase()))).toEqual(jobs);
    expect(data.problems.length).toBeGreaterThan(0);
    const firstWarning = data.problems.findIndex((p) => p.result === 'Warning');
    const lastFailed = data.problems.map((p) => p.result).lastIndexOf('Failed');
    if (firstWarning >= 0 && lastFailed >= 0) expect(lastFailed).toBeLessThan(firstWarning);
    expect(data.problems.every((p) => p.href.includes('/api/'))).toBe(true);
  });

  it("counts each local day's sessions as a full listing of that day does", async () => {
    const day = data.trend[5];
    expect(day).toBeDefined();
    const since = zonedInstant(day?.date ?? '', '00:00', 'Europe/Berlin');
    const until = since + DAY;
    let success = 0;
    let warning = 0;
    let failed = 0;
    for (const kind of Object.values(KIND_SESSIONS)) {
      const field = kind === 'CdpReplicaSession' ? 'CreationTimeUTC' : 'CreationTime';
      const filter = { and: [where(field, '>', new Date(since)), where(field, '<=', new Date(until))] };
      const all = await client.querySessions({ type: kind, filter, pageSize: 1000 }, 100_000);
      success += all.filter((s) => s.result === 'Success').length;
      warning += all.filter((s) => s.result === 'Warning').length;
      failed += all.filter((s) => s.result === 'Failed').length;
    }
    expect(day?.counts).toEqual({ success, warning, failed });
    expect(success).toBeGreaterThan(0);
  });

  it('keeps seven days, today last, and every repository the report has', async () => {
    expect(data.trend).toHaveLength(7);
    const repositories = await summaryRepositories(client);
    expect(data.repositories.map((r) => r.name).sort()).toEqual(repositories.map((r) => r.name).sort());
  });

  it('costs a bounded number of requests whatever the history', async () => {
    sim.resetStats();
    await gatherDigest(client, {
      nowMs: now,
      windowMs: DAY,
      windowLabel: '24h',
      timeZone: 'UTC',
      repoWarnPercent: 10,
      incidents: [],
    });
    const queries = sim.stats().requests.byRoute['GET /api/query'] ?? 0;
    // 8 windows x 4 types x 3 results, 4 problem listings (one page each here), 1 repository listing.
    expect(queries).toBeLessThanOrEqual(8 * 4 * 3 + 4 * 3 + 1);
  });
});
