import type { EmClient } from '../../../src/em/client.js';
import {
  jobAt,
  jobsNamed,
  jobsWithNextRunBefore,
  newestPointOfVm,
  newestPointsSince,
  newestRestorePointsOfJob,
  pointKey,
  repositoriesBySpace,
} from '../../../src/em/estate.js';
import { queryRaw } from '../../../src/em/estate-query.js';
import { mapJob } from '../../../src/em/mappers/estate.js';
import { summaryJobStatistics, summaryOverview, summaryRepositories } from '../../../src/em/reports.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';
import { MINUTE } from '../../helpers/time.js';

let sim: RunningSimulator;
let client: EmClient;

beforeAll(async () => {
  sim = await startManualSimulator({ history: 300 });
  client = simClient(sim);
});
afterAll(async () => {
  await client.close();
  await sim.stop();
});

async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sim.origin}/_sim/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

const queries = (): number => sim.stats().requests.byRoute['GET /api/query'] ?? 0;

describe('jobs with schedules', () => {
  it('finds a job by name and reads the same job through its Href, with schedule, and action links only for an operator', async () => {
    const [job] = await jobsNamed(client, 'sql nightly');
    expect(job?.name).toBe('SQL Nightly');
    const again = await jobAt(client, job?.href ?? '');
    expect(again.uid).toBe(job?.uid);
    expect(again.schedule).toMatchObject({
      configured: true,
      enabled: true,
      kind: 'Daily',
      intervalMinutes: 1440,
    });
    expect(again.actions).toEqual({}); // a Portal User is shown no action links
    const operator = simClient(sim, { username: 'operator', password: 'operator' });
    try {
      expect((await jobAt(operator, job?.href ?? '')).actions.retry).toMatch(/\?action=retry$/);
    } finally {
      await operator.close();
    }
  });

  it('asks EM for jobs whose NextRun is before a time in one query, agreeing with a client-side filter', async () => {
    const before = new Date(sim.clock.now() + 3 * 60 * MINUTE);
    const all = (await queryRaw(client, { type: 'Job', format: 'Entities', pageSize: 500 }, 500)).map(
      (item) => mapJob(item.node),
    );
    sim.resetStats();
    const late = await jobsWithNextRunBefore(client, before);
    expect(queries()).toBe(1);
    const expected = all.filter(
      (job) => job.schedule.enabled && job.schedule.configured && (job.schedule.nextRun ?? before) < before,
    );
    expect(late.map((job) => job.name).sort()).toEqual(expected.map((job) => job.name).sort());
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(all.length);
  });

  // Needs the control API's POST /_sim/jobs (simulator schedule work).
  it('lists a job that stopped running, but not a disabled one nor a healthy one', async () => {
    await control('jobs', { name: 'Stalled Job', everyMinutes: 60, lastRunMinutesAgo: 10 });
    await control('jobs/Stalled Job', { stopRunning: true });
    await control('jobs', {
      name: 'Off Job',
      everyMinutes: 60,
      lastRunMinutesAgo: 10,
      scheduleEnabled: false,
    });
    await control('jobs', { name: 'Healthy Job', everyMinutes: 1440, lastRunMinutesAgo: 10 });
    sim.clock.advance(5 * 60 * MINUTE);
    const names = (await jobsWithNextRunBefore(client, new Date(sim.clock.now()))).map((job) => job.name);
    expect(names).toContain('Stalled Job');
    expect(names).not.toContain('Off Job');
    expect(names).not.toContain('Healthy Job');
  });
});

describe('repositories and summary reports', () => {
  // Needs the Repository query type (simulator schedule work).
  it('lists repositories fullest first with free space percentages, in one query', async () => {
    sim.resetStats();
    const repos = await repositoriesBySpace(client);
    expect(queries()).toBe(1);
    expect(repos).toHaveLength(4);
    expect(repos[0]?.name).toBe('Repo 1');
    expect(repos[0]?.freePercent).toBeLessThan(5);
    expect(repos.every((repo) => repo.backupServerName)).toBe(true);
  });

  it('reads the overview, job statistics and repository frames, consistent with each other', async () => {
    const overview = await summaryOverview(client);
    expect(overview).toMatchObject({ backupServers: 3, repositoryServers: 4 });
    const stats = await summaryJobStatistics(client);
    expect(stats.scheduledJobs).toBe(overview.scheduledJobs);
    expect(stats.successfulRuns + stats.warningRuns + stats.failedRuns).toBe(stats.totalRuns);
    const repos = await summaryRepositories(client);
    expect(repos.map((repo) => repo.name)).toContain('Repo 1');
    expect(repos.find((repo) => repo.name === 'Repo 1')?.freeBytes).toBeLessThan(
      0.05 * (repos.find((repo) => repo.name === 'Repo 1')?.capacityBytes ?? 0),
    );
  });
});

// These need the RestorePoint / VmRestorePoint / VmReplicaPoint query types (simulator schedule work).
describe('restore points', () => {
  const run = (jobName: string, type: string, tasks: Array<{ vmName: string; result: string }>) =>
    sim.createSession({
      type,
      jobName,
      state: 'Stopped',
      result: tasks.some((t) => t.result === 'Failed') ? 'Failed' : 'Success',
      tasks,
    } as Parameters<RunningSimulator['createSession']>[0]);

  it('finds the newest backup and replica point of a VM', async () => {
    sim.clock.advance(10 * MINUTE);
    run('Points Backup', 'BackupJobSession', [{ vmName: 'apache02', result: 'Success' }]);
    const backupAt = sim.clock.now();
    sim.clock.advance(10 * MINUTE);
    run('Points Replica', 'ReplicaJobSession', [{ vmName: 'apache02', result: 'Success' }]);
    const replicaAt = sim.clock.now();
    const newest = await newestPointOfVm(client, 'apache02');
    expect(newest.backup?.vmName).toBe('apache02');
    expect(newest.backup?.creationTime?.getTime()).toBe(backupAt);
    expect(newest.backup?.backup?.name).toBe('Points Backup');
    expect(newest.replica?.creationTime?.getTime()).toBe(replicaAt);
    expect(newest.replica?.backup?.name).toBe('Points Replica');
  });

  it('finds the newest restore point per VM of a job, skipping a failed run', async () => {
    sim.clock.advance(10 * MINUTE);
    run('Per VM Job', 'BackupJobSession', [
      { vmName: 'apache02', result: 'Success' },
      { vmName: 'fs02', result: 'Success' },
    ]);
    const goodAt = sim.clock.now();
    sim.clock.advance(10 * MINUTE);
    run('Per VM Job', 'BackupJobSession', [{ vmName: 'apache02', result: 'Failed' }]);
    const points = await newestRestorePointsOfJob(client, {
      name: 'Per VM Job',
      vmNames: ['apache02', 'fs02', 'nope01'],
    });
    expect(points.get('apache02')?.creationTime?.getTime()).toBe(goodAt);
    expect(points.get('fs02')?.creationTime?.getTime()).toBe(goodAt);
    expect(points.get('nope01')).toBeUndefined();
  });

  it('keys the newest points since a time by job and VM, from one filtered query', async () => {
    const since = new Date(sim.clock.now() + 1);
    sim.clock.advance(10 * MINUTE);
    run('Since Job', 'BackupJobSession', [{ vmName: 'sql-prod.01', result: 'Success' }]);
    sim.resetStats();
    const newest = await newestPointsSince(client, 'VmRestorePoint', since, 1000);
    expect(queries()).toBe(1);
    expect([...newest.keys()]).toEqual([pointKey('Since Job', 'sql-prod.01')]);
  });
});
