import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, control, logon, START, startTestSim } from './sim-helpers.js';
import { plain } from './xml-shape.js';

let sim: RunningSimulator;
let token: string;
beforeEach(async () => {
  sim = await startTestSim({ history: 200 });
  token = await logon(sim);
});
afterEach(() => sim.stop());

const entity = async (href: string): Promise<Record<string, unknown>> => {
  const res = await apiGet(sim, href.slice(href.indexOf('/api/') + 5), token);
  expect(res.status).toBe(200);
  const doc = plain.parse(res.text) as Record<string, Record<string, unknown>[] | Record<string, unknown>>;
  const root = Object.entries(doc).find(([k]) => k !== '?xml')?.[1] as
    Record<string, unknown>[] | Record<string, unknown>;
  return Array.isArray(root) ? (root[0] ?? {}) : root;
};

describe('control API', () => {
  it('creates a failed replica session with a failed task and finds it by query', async () => {
    const res = await control(sim, 'POST', 'sessions', {
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      state: 'Stopped',
      result: 'Failed',
      isRetry: false,
      tasks: [{ vmName: 'apache02', result: 'Failed', reason: 'Disk <full> & gone', state: 'Completed' }],
    });
    expect(res.status).toBe(201);
    expect(res.json.uid).toBe(`urn:veeam:ReplicaJobSession:${String(res.json.id)}`);
    const session = await entity(String(res.json.href));
    expect(session).toMatchObject({
      Result: 'Failed',
      State: 'Stopped',
      EndTimeUTC: new Date(START).toISOString().replace('.000', ''),
    });
    const q = await apiGet(
      sim,
      'query?type=ReplicaTaskSession&format=Entities&filter=Result==Failed;VmDisplayName=="apache02";JobSessionUid=="' +
        String(res.json.uid) +
        '"',
      token,
    );
    expect(q.text).toContain('<Reason>Disk &lt;full&gt; &amp; gone</Reason>');
  });

  it('creates owners on the fly, runs sessions and patches them to Stopped at the clock', async () => {
    const res = await control(sim, 'POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Brand New Job',
      tasks: [{ vmName: 'x-vm' }],
    });
    const running = await entity(String(res.json.href));
    expect(running).toMatchObject({ State: 'Working', Result: 'None', JobName: 'Brand New Job' });
    expect(running.EndTimeUTC).toBeUndefined();
    await control(sim, 'POST', 'clock', { advanceMs: 60_000 });
    const patched = await control(sim, 'POST', `sessions/${String(res.json.id)}`, {
      state: 'Stopped',
      result: 'Warning',
      tasks: [{ vmName: 'x-vm', result: 'Warning', reason: 'slow' }],
    });
    expect(patched.status).toBe(200);
    const done = await entity(String(res.json.href));
    expect(done).toMatchObject({
      State: 'Stopped',
      Result: 'Warning',
      Progress: '100',
      EndTimeUTC: '2025-11-20T12:01:00Z',
    });
    const q = await apiGet(
      sim,
      'query?type=BackupJobSession&filter=EndTime>="2025-11-20T12:00:30Z";Result>=Warning',
      token,
    );
    expect(q.text).toContain(String(res.json.id));
  });

  it('supports CDP and failover sessions and their task shapes', async () => {
    const cdp = await control(sim, 'POST', 'sessions', {
      type: 'CdpReplicaSession',
      jobName: 'CDP Policy 1',
      tasks: [{ vmName: 'virt03-vm01', state: 'Completed', result: 'Failed' }],
    });
    expect(cdp.status).toBe(201);
    const tasks = await apiGet(
      sim,
      `cdpReplicaSessions/${String(cdp.json.id)}/cdpReplicaTaskSessions`,
      token,
    );
    expect(tasks.text).toContain('CdpReplicaTaskSessionReference');
    const fo = await control(sim, 'POST', 'sessions', {
      type: 'CloudFailoverSession',
      jobName: 'ABC Company Failover Plan',
      tasks: [{ vmName: 'srv38', state: 'Working', progress: 40 }],
    });
    const body = await apiGet(
      sim,
      String(fo.json.href).slice(String(fo.json.href).indexOf('/api/') + 5),
      token,
    );
    expect(body.text).toContain('<CloudFailoverTasks><CloudFailoverTasks VmName="srv38">');
    expect(body.text).toContain('Name="ABC Company Failover Plan"');
  });

  it('moves, reads and sets the clock', async () => {
    expect((await control(sim, 'GET', 'clock')).json.now).toBe('2025-11-20T12:00:00Z');
    expect((await control(sim, 'POST', 'clock', { advanceMs: 1500 })).json.now).toBe(
      '2025-11-20T12:00:01.5Z',
    );
    expect((await control(sim, 'POST', 'clock', { set: '2026-01-01T00:00:00Z' })).json.now).toBe(
      '2026-01-01T00:00:00Z',
    );
    expect(sim.clock.now()).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('counts requests by route and query type, and resets stats', async () => {
    await apiGet(sim, 'query?type=backupjobsession', token);
    await apiGet(sim, 'query?type=Job', token);
    const stats = (await control(sim, 'GET', 'stats')).json as {
      requests: { total: number; byRoute: Record<string, number>; byType: Record<string, number> };
      bytes: { total: number };
      logons: number;
      activeTokens: number;
    };
    expect(stats.requests.byRoute['GET /api/query']).toBe(2);
    expect(stats.requests.byRoute['POST /api/sessionMngr']).toBe(1);
    expect(stats.requests.byType).toEqual({ BackupJobSession: 1, Job: 1 });
    expect(stats.bytes.total).toBeGreaterThan(0);
    expect(stats.logons).toBe(1);
    expect(stats.activeTokens).toBe(1);
    const reset = (await control(sim, 'POST', 'stats/reset')).json as { requests: { total: number } };
    expect(reset.requests.total).toBe(0);
  });

  it('resets to the seeded history', async () => {
    const before = (await apiGet(sim, 'query?type=BackupJobSession&pageSize=1000', token)).text;
    const created = await control(sim, 'POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Fileserver Backup',
      result: 'Failed',
    });
    expect((await control(sim, 'POST', 'reset')).status).toBe(200);
    expect((await apiGet(sim, `backupSessions/${String(created.json.id)}`, token)).status).toBe(404);
    expect((await apiGet(sim, 'query?type=BackupJobSession&pageSize=1000', token)).text).toBe(before);
  });

  it.each([
    ['sessions', {}],
    ['sessions', { type: 'Nope' }],
    ['sessions', { type: 'BackupJobSession', result: 'Meh' }],
    ['sessions', { type: 'BackupJobSession', jobName: 'Fileserver02 Replication' }],
    ['sessions', { type: 'BackupJobSession', state: 'Working', endTime: '2025-01-01' }],
    ['sessions', { type: 'BackupJobSession', tasks: [{}] }],
    ['clock', { advanceMs: 'x' }],
  ])('refuses bad input on %s (%j) with 400 {error}', async (path, body) => {
    const res = await control(sim, 'POST', path, body);
    expect(res.status).toBe(400);
    expect(typeof res.json.error).toBe('string');
  });

  it('answers 404 for unknown sessions and endpoints', async () => {
    expect(
      (await control(sim, 'POST', 'sessions/00000000-0000-4000-8000-000000000000', { state: 'Stopped' }))
        .status,
    ).toBe(404);
    expect((await control(sim, 'GET', 'nope')).status).toBe(404);
  });
});

describe('control API body limits', () => {
  let big: RunningSimulator;
  beforeAll(async () => {
    big = await startTestSim({ history: 0 });
  });
  afterAll(() => big.stop());

  it('accepts a 5,000-task session in one call', async () => {
    const tasks = Array.from({ length: 5000 }, (_v, i) => ({
      vmName: `vm-${String(i).padStart(5, '0')}`,
      state: 'Completed',
      result: i % 10 === 0 ? 'Warning' : 'Success',
      reason:
        i % 10 === 0 ? 'Changed block tracking has been disabled for this VM' : 'Processed without warnings',
      progress: 100,
      totalSize: 123_456_789_012,
      creationTime: '2025-11-20T11:00:00Z',
      endTime: '2025-11-20T11:30:00Z',
    }));
    const res = await control(big, 'POST', 'sessions', {
      type: 'BackupJobSession',
      jobName: 'Huge',
      state: 'Stopped',
      result: 'Warning',
      tasks,
    });
    expect(JSON.stringify(tasks).length).toBeGreaterThan(1 << 20);
    expect(res.status).toBe(201);
  });

  it('answers 413 with a clear message above the limit', async () => {
    const res = await fetch(`${big.origin}/_sim/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"type":"BackupJobSession","pad":"${'x'.repeat(9 << 20)}"}`,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than 8 MiB/);
  });
});
