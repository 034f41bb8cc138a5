import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, logon, START, startTestSim } from './sim-helpers.js';

let sim: RunningSimulator;
let token: string;
const DAY = 86_400_000;

beforeAll(async () => {
  sim = await startTestSim({ history: 600 });
  token = await logon(sim);
});
afterAll(() => sim.stop());

async function xml(path: string): Promise<string> {
  const res = await apiGet(sim, path, token);
  expect(res.status).toBe(200);
  return res.text;
}

/** Hrefs of references of one type, as sorted paths below /api/. */
async function refs(path: string, type: string): Promise<string[]> {
  const text = await xml(path);
  return [...text.matchAll(new RegExp(`Type="${type}Reference" Href="[^"]*/api/([^"?]+)"`, 'g'))]
    .map((m) => m[1] ?? '')
    .sort();
}

/** References of every page of a query (pages hold at most 1000). */
async function allRefs(path: string, type: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const found = await refs(`${path}&page=${page}`, type);
    out.push(...found);
    if (found.length < 1000) return out.sort();
  }
}

const q = (type: string, filter?: string, extra = ''): string =>
  `query?type=${type}&pageSize=1000${filter ? `&filter=${encodeURIComponent(filter)}` : ''}${extra}`;

interface PointJson {
  UID: string;
  CreationTimeUTC: string;
  VmName: string;
}

async function entities<T>(path: string): Promise<T[]> {
  const res = await apiGet(sim, path, token, { Accept: 'application/json' });
  expect(res.status).toBe(200);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  const outer = (body.Entities ?? body) as Record<string, unknown>;
  const inner = Object.values(outer)[0];
  if (Array.isArray(inner)) return inner as T[];
  return (Object.values(inner as Record<string, unknown>)[0] ?? []) as T[];
}

describe('query types of the estate, cross-checked against the collections', () => {
  it('RestorePoint: all of them, by CreationTime range and by backup', async () => {
    const all = await allRefs(q('RestorePoint'), 'RestorePoint');
    expect(all.length).toBeGreaterThan(10);
    expect(all).toEqual(await refs('restorePoints', 'RestorePoint'));
    const since = new Date(START - DAY).toISOString();
    const points = await entities<PointJson>('restorePoints?format=Entity');
    const recent = points.filter((p) => Date.parse(p.CreationTimeUTC) >= START - DAY).map((p) => p.UID);
    const queried = await entities<PointJson>(
      q('RestorePoint', `CreationTime>="${since}"`, '&format=Entities'),
    );
    expect(queried.map((p) => p.UID).sort()).toEqual(recent.sort());
    const [backup] = await refs('backups', 'Backup');
    const id = backup?.split('/')[1] ?? '';
    expect(await refs(q('RestorePoint', `BackupUid=="urn:veeam:Backup:${id}"`), 'RestorePoint')).toEqual(
      await refs(`backups/${id}/restorePoints`, 'RestorePoint'),
    );
  });

  it('VmRestorePoint: all, since T (sorted newest first), by VM and by restore point', async () => {
    const all = await allRefs(q('VmRestorePoint'), 'VmRestorePoint');
    expect(all).toEqual(await refs('vmRestorePoints', 'VmRestorePoint'));
    const points = await entities<PointJson>('vmRestorePoints?format=Entity');
    const since = START - 6 * 3_600_000;
    const expected = points.filter((p) => Date.parse(p.CreationTimeUTC) >= since).map((p) => p.UID);
    expect(expected.length).toBeGreaterThan(0);
    const queried = await entities<PointJson>(
      q(
        'VmRestorePoint',
        `CreationTime>="${new Date(since).toISOString()}"`,
        '&format=Entities&sortDesc=CreationTime',
      ),
    );
    expect(queried.map((p) => p.UID).sort()).toEqual(expected.sort());
    const times = queried.map((p) => Date.parse(p.CreationTimeUTC));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const vm = points[0]?.VmName ?? '';
    const ofVm = points
      .filter((p) => p.VmName === vm)
      .map((p) => p.UID)
      .sort();
    const byVm = await entities<PointJson>(q('VmRestorePoint', `VmDisplayName=="${vm}"`, '&format=Entities'));
    expect(byVm.map((p) => p.UID).sort()).toEqual(ofVm);
    const [rp] = await refs('restorePoints', 'RestorePoint');
    const rpId = rp?.split('/')[1] ?? '';
    expect(
      await refs(q('VmRestorePoint', `RestorePointUid=="urn:veeam:RestorePoint:${rpId}"`), 'VmRestorePoint'),
    ).toEqual(await refs(`restorePoints/${rpId}/vmRestorePoints`, 'VmRestorePoint'));
  });

  it('VmReplicaPoint: all, since T, and by replica', async () => {
    const all = await allRefs(q('VmReplicaPoint'), 'VmReplicaPoint');
    expect(all.length).toBeGreaterThan(0);
    expect(all).toEqual(await refs('vmReplicaPoints', 'VmReplicaPoint'));
    const points = await entities<PointJson>('vmReplicaPoints?format=Entity');
    const since = START - DAY;
    const queried = await entities<PointJson>(
      q('VmReplicaPoint', `CreationTime>="${new Date(since).toISOString()}"`, '&format=Entities'),
    );
    expect(queried.map((p) => p.UID).sort()).toEqual(
      points
        .filter((p) => Date.parse(p.CreationTimeUTC) >= since)
        .map((p) => p.UID)
        .sort(),
    );
    const [replica] = await refs('replicas', 'Replica');
    const id = replica?.split('/')[1] ?? '';
    expect(
      await refs(q('VmReplicaPoint', `ReplicaUid=="urn:veeam:Replica:${id}"`), 'VmReplicaPoint'),
    ).toEqual(await refs(`replicas/${id}/vmReplicaPoints`, 'VmReplicaPoint'));
  });

  it('Backup: all, and by job name', async () => {
    expect(await refs(q('Backup'), 'Backup')).toEqual(await refs('backups', 'Backup'));
    const one = await entities<{ Name: string }>(
      q('Backup', 'JobName=="Fileserver Backup"', '&format=Entities'),
    );
    expect(one.map((b) => b.Name)).toEqual(['Fileserver Backup']);
  });

  it('Repository: all, and by free space (the near-full one)', async () => {
    expect(await refs(q('Repository'), 'Repository')).toEqual(await refs('repositories', 'Repository'));
    const repos = await entities<{ Name: string; FreeSpace: number; Capacity: number }>(
      'repositories?format=Entity',
    );
    const low = repos.filter((r) => r.FreeSpace < r.Capacity * 0.05).map((r) => r.Name);
    expect(low).toEqual(['Repo 1']);
    const queried = await entities<{ Name: string }>(
      q('Repository', `FreeSpace<${Math.round(0.5 * 1024 ** 4)}`, '&format=Entities&sortAsc=FreeSpace'),
    );
    expect(queried.map((r) => r.Name)).toEqual(['Repo 1']);
  });

  it('refuses a field the type does not document', async () => {
    const res = await apiGet(sim, q('VmRestorePoint', 'JobName=="Fileserver Backup"'), token);
    expect(res.status).toBe(400);
  });
});
