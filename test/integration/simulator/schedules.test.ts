import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, control, logon, START, startTestSim } from './sim-helpers.js';

let sim: RunningSimulator;
let token: string;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  sim = await startTestSim({ history: 1000 });
  token = await logon(sim);
});
afterAll(() => sim.stop());

interface JobJson {
  Name: string;
  UID: string;
  ScheduleEnabled: boolean;
  ScheduleConfigured: boolean;
  NextRun?: string;
  JobScheduleOptions?: unknown;
}
interface SessionJson {
  CreationTimeUTC: string;
  EndTimeUTC?: string;
  Result: string;
}

async function json<T>(path: string): Promise<T> {
  const res = await apiGet(sim, path, token, { Accept: 'application/json' });
  expect(res.status).toBe(200);
  return JSON.parse(res.text) as T;
}

async function jobs(filter = ''): Promise<JobJson[]> {
  const body = await json<{ Entities: { Jobs: { Jobs: JobJson[] } } }>(
    `query?type=Job&format=Entities&pageSize=1000${filter ? `&filter=${encodeURIComponent(filter)}` : ''}`,
  );
  return body.Entities.Jobs.Jobs;
}

async function sessionsOf(name: string, type = 'BackupJobSession'): Promise<SessionJson[]> {
  const filter = encodeURIComponent(`JobName=="${name}"`);
  const body = await json<{ Entities: Record<string, Record<string, SessionJson[]>> }>(
    `query?type=${type}&format=Entities&pageSize=1000&sortDesc=CreationTime&filter=${filter}`,
  );
  return Object.values(Object.values(body.Entities)[0] ?? {})[0] ?? [];
}

/** Steps the scenario clock; the logon expires on it, so log on again. */
async function advance(by: number): Promise<void> {
  sim.clock.advance(by);
  token = await logon(sim);
}

const ms = (iso: string | undefined): number => Date.parse(iso ?? '');

describe('schedules consistent with history', () => {
  it('a daily job runs about every 24 h, its newest run ends before NextRun, one day before it', async () => {
    const job = (await jobs()).find((j) => j.Name === 'Fileserver Backup');
    expect(job?.ScheduleEnabled).toBe(true);
    expect(job?.JobScheduleOptions).toBeDefined();
    const runs = (await sessionsOf('Fileserver Backup')).filter((s) => s.Result !== 'None');
    expect(runs.length).toBeGreaterThan(3);
    const starts = runs.map((s) => ms(s.CreationTimeUTC));
    for (let i = 1; i < starts.length; i++) {
      const gap = (starts[i - 1] as number) - (starts[i] as number);
      // Runs at every slot; an automatic retry may sit between two slots.
      expect(gap <= DAY + 60_000).toBe(true);
    }
    const next = ms(job?.NextRun);
    expect(ms(runs[0]?.EndTimeUTC)).toBeLessThan(next);
    expect(next).toBeGreaterThan(START);
    expect(Math.abs(next - DAY - (starts[0] as number))).toBeLessThan(60_000);
  });

  it('an hourly job has a run every hour', async () => {
    const runs = await sessionsOf('Web Tier - Hourly');
    const day = runs.filter((s) => ms(s.CreationTimeUTC) >= START - DAY);
    expect(day.length).toBeGreaterThanOrEqual(24);
    expect(START - ms(day[0]?.CreationTimeUTC)).toBeLessThan(HOUR);
  });

  it('some jobs have their schedule disabled and no NextRun', async () => {
    const disabled = await jobs('ScheduleEnabled==false');
    expect(disabled.length).toBeGreaterThanOrEqual(2);
    expect(disabled.every((j) => j.NextRun === undefined)).toBe(true);
  });

  it('one job stopped running days ago: its NextRun has passed and its last run is old', async () => {
    const late = await jobs(`NextRun<"${new Date(START).toISOString()}"`);
    expect(late.map((j) => j.Name)).toEqual(['Jenkins Backup']);
    const [last] = await sessionsOf('Jenkins Backup');
    expect(START - ms(last?.CreationTimeUTC)).toBeGreaterThan(3 * DAY);
  });

  it('a failing job leaves its VMs without a restore point newer than its interval', async () => {
    const [last] = await sessionsOf('Backup Job 3');
    expect(last?.Result).toBe('Failed');
    const filter = encodeURIComponent(
      `BackupName=="Backup Job 3";CreationTime>="${new Date(START - DAY).toISOString()}"`,
    );
    const xml = await apiGet(sim, `query?type=RestorePoint&filter=${filter}`, token);
    expect(xml.text).not.toContain('<Ref ');
  });
});

describe('POST /_sim/jobs', () => {
  const spec = {
    name: 'Nightly SQL',
    type: 'Backup',
    vms: ['sql01', 'sql02'],
    everyMinutes: 1440,
    lastRunMinutesAgo: 30,
    lastResult: 'Success',
    scheduleEnabled: true,
    repository: 'Repo 1',
  };

  it('creates a job with a consistent history; NextRun one interval after the last start', async () => {
    const created = await control(sim, 'POST', 'jobs', spec);
    expect(created.status).toBe(201);
    expect(created.json.uid).toBe(`urn:veeam:Job:${String(created.json.id)}`);
    expect(String(created.json.href)).toContain(`/api/jobs/${String(created.json.id)}`);
    const runs = await sessionsOf('Nightly SQL');
    expect(ms(runs[0]?.EndTimeUTC)).toBe(sim.clock.now() - 30 * 60_000);
    const length = ms(runs[0]?.EndTimeUTC) - ms(runs[0]?.CreationTimeUTC);
    expect(length).toBeLessThanOrEqual(DAY / 4);
    expect(ms(runs[0]?.CreationTimeUTC) - ms(runs[1]?.CreationTimeUTC)).toBe(DAY);
    const [job] = await jobs('Name=="Nightly SQL"');
    expect(ms(job?.NextRun)).toBe(ms(runs[0]?.CreationTimeUTC) + DAY);
    const points = await apiGet(
      sim,
      `query?type=VmRestorePoint&filter=${encodeURIComponent('VmDisplayName=="sql01"')}`,
      token,
    );
    expect((points.text.match(/<Ref /g) ?? []).length).toBe(runs.length);
    const tasks = await apiGet(
      sim,
      `query?type=BackupTaskSession&filter=${encodeURIComponent('JobName=="Nightly SQL"')}`,
      token,
    );
    expect((tasks.text.match(/<Ref /g) ?? []).length).toBe(runs.length * 2);
  });

  it('every link reachable from the created job resolves (bounded walk)', async () => {
    const [job] = await jobs('Name=="Nightly SQL"');
    const start = String(job?.UID).split(':').pop() ?? '';
    const seen = new Set<string>();
    let frontier = [`jobs/${start}?format=Entity`];
    for (let depth = 0; depth < 3 && seen.size < 150; depth++) {
      const next: string[] = [];
      for (const path of frontier) {
        if (seen.has(path) || /[?&]action=/i.test(path) || seen.size >= 150) continue;
        seen.add(path);
        const res = await apiGet(sim, path, token);
        expect([path, res.status]).toEqual([path, 200]);
        for (const m of res.text.matchAll(/Href="[^"]*\/api\/([^"]*)"/g))
          next.push((m[1] ?? '').replace(/&amp;/g, '&'));
      }
      frontier = next;
    }
    expect([...seen].some((p) => /backupSessions\//i.test(p))).toBe(true);
  });

  it('runs it on schedule as the clock moves, stops and resumes it', async () => {
    await advance(DAY);
    const before = (await sessionsOf('Nightly SQL')).length;
    expect((await control(sim, 'POST', 'jobs/Nightly%20SQL', { stopRunning: true })).status).toBe(200);
    await advance(2 * DAY);
    expect(await sessionsOf('Nightly SQL')).toHaveLength(before);
    const [stopped] = await jobs('Name=="Nightly SQL"');
    expect(ms(stopped?.NextRun)).toBeLessThan(sim.clock.now());
    await control(sim, 'POST', 'jobs/Nightly SQL', { resumeRunning: true });
    const [resumed] = await jobs('Name=="Nightly SQL"');
    expect(ms(resumed?.NextRun)).toBeGreaterThan(sim.clock.now());
    await advance(DAY);
    expect((await sessionsOf('Nightly SQL')).length).toBe(before + 1);
    const off = await control(
      sim,
      'POST',
      `jobs/${String((await control(sim, 'POST', 'jobs', { name: 'Tmp' })).json.id)}`,
      {
        scheduleEnabled: false,
      },
    );
    expect(off.status).toBe(200);
    expect((await jobs('Name=="Tmp"'))[0]?.NextRun).toBeUndefined();
  });

  it('defaults: a Backup job of two generated VMs, daily, just finished; Replica jobs too', async () => {
    await control(sim, 'POST', 'jobs', { name: 'Defaults Only' });
    const [run] = await sessionsOf('Defaults Only');
    expect(run?.Result).toBe('Success');
    expect(ms(run?.EndTimeUTC)).toBe(sim.clock.now());
    await control(sim, 'POST', 'jobs', {
      name: 'DR Copy',
      type: 'Replica',
      lastResult: 'Failed',
      everyMinutes: 60,
    });
    const replica = await sessionsOf('DR Copy', 'ReplicaJobSession');
    expect(replica[0]?.Result).toBe('Failed');
    expect(ms(replica[0]?.CreationTimeUTC) - ms(replica[1]?.CreationTimeUTC)).toBe(HOUR);
  });

  it.each([
    [{}, 'name'],
    [{ name: 'x', type: 'Tape' }, 'type'],
    [{ name: 'x', everyMinutes: 0 }, 'everyMinutes'],
    [{ name: 'x', lastResult: 'Great' }, 'lastResult'],
    [{ name: 'x', repository: 'Nowhere' }, 'repository'],
    [{ name: 'x', vms: [] }, 'vms'],
    [{ name: 'x', scheduleEnabled: 'yes' }, 'scheduleEnabled'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await control(sim, 'POST', 'jobs', body);
    expect(res.status).toBe(400);
    expect(String(res.json.error)).toContain(field);
  });

  it('answers 404 for an unknown job and counts control calls by route', async () => {
    expect((await control(sim, 'POST', 'jobs/No Such Job', { stopRunning: true })).status).toBe(404);
    const stats = (await control(sim, 'GET', 'stats')).json as {
      requests: { byRoute: Record<string, number> };
    };
    expect(stats.requests.byRoute['POST /_sim/jobs']).toBeGreaterThan(0);
    expect(stats.requests.byRoute['POST /_sim/jobs/{id}']).toBeGreaterThan(0);
  });
});

describe('POST /_sim/repositories', () => {
  it('creates a repository and updates it by name', async () => {
    const created = await control(sim, 'POST', 'repositories', {
      name: 'Repo 9',
      capacityGb: 100,
      freeGb: 40,
    });
    expect(created.status).toBe(201);
    const updated = await control(sim, 'POST', 'repositories', { name: 'repo 9', freeGb: 5 });
    expect(updated.status).toBe(200);
    expect(updated.json.id).toBe(created.json.id);
    const body = await json<{
      Entities: { Repositories: { Repositories: { Capacity: number; FreeSpace: number }[] } };
    }>(`query?type=Repository&format=Entities&filter=${encodeURIComponent('Name=="Repo 9"')}`);
    expect(body.Entities.Repositories.Repositories).toEqual([
      expect.objectContaining({ Capacity: 100 * 1024 ** 3, FreeSpace: 5 * 1024 ** 3 }),
    ]);
    expect((await control(sim, 'POST', 'repositories', { name: 'Repo 9', freeGb: 500 })).status).toBe(400);
  });
});

describe('POST /_sim/jobs pastRuns', () => {
  it('sets how many runs precede the newest, however far back they reach, and refuses a bad count', async () => {
    await control(sim, 'POST', 'jobs', { name: 'Deep History', everyMinutes: 1440, pastRuns: 40 });
    const runs = await sessionsOf('Deep History');
    expect(runs).toHaveLength(41);
    expect(ms(runs[0]?.CreationTimeUTC) - ms(runs[40]?.CreationTimeUTC)).toBe(40 * DAY);
    await control(sim, 'POST', 'jobs', { name: 'No History', pastRuns: 0 });
    expect(await sessionsOf('No History')).toHaveLength(1);
    const bad = await control(sim, 'POST', 'jobs', { name: 'Bad History', pastRuns: 1001 });
    expect(bad.status).toBe(400);
    expect(String(bad.json.error)).toContain('pastRuns');
  });
});
