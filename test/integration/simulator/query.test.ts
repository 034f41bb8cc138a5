import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, logon, START, startTestSim } from './sim-helpers.js';
import { plain } from './xml-shape.js';

let sim: RunningSimulator;
let token: string;
beforeAll(async () => {
  sim = await startTestSim({ history: 2000, publicBaseUrl: 'https://srv12.tech.local:9398' });
  token = await logon(sim);
});
afterAll(() => sim.stop());

interface Qr {
  QueryResult: {
    Entities?: Record<string, Record<string, Record<string, string>[]>>;
    Refs?: { Ref?: Record<string, string>[] };
    PagingInfo: {
      PageNum: string;
      PageSize: string;
      PagesCount: string;
      Links: { Link: { Rel: string; Href: string }[] };
    };
  };
}
async function query(q: string): Promise<Qr['QueryResult'] & { raw: string }> {
  const res = await apiGet(sim, `query?${q}`, token);
  expect(res.status).toBe(200);
  return { ...(plain.parse(res.text) as Qr).QueryResult, raw: res.text };
}
const sessions = (r: Qr['QueryResult']): Record<string, string>[] =>
  r.Entities?.BackupJobSessions?.BackupJobSession ?? [];

describe('query service', () => {
  it('filters one job, sorts newest first and pages', async () => {
    const r = await query(
      'type=BackupJobSession&format=Entities&filter=JobName=="Fileserver Backup"&sortDesc=CreationTime&pageSize=10&page=1',
    );
    const items = sessions(r);
    expect(items).toHaveLength(10);
    expect(items.every((s) => s.JobName === 'Fileserver Backup')).toBe(true);
    const times = items.map((s) => Date.parse(s.CreationTimeUTC ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(items[0]?.Name).toMatch(/^Fileserver Backup@\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('writes paging links with &amp;, page replaced in place, Previous/Next and PagesCount', async () => {
    const r = await query('type=BackupJobSession&pageSize=7&page=2&filter=Result==Failed');
    const links = r.PagingInfo.Links.Link;
    expect(links.map((l) => l.Rel)).toEqual(['First', 'Previous', 'Next', 'Last']);
    expect(links[2]?.Href).toBe(
      'https://srv12.tech.local:9398/api/query?type=BackupJobSession&pageSize=7&page=3&filter=Result==Failed',
    );
    expect(r.raw).toContain('type=BackupJobSession&amp;pageSize=7&amp;page=3&amp;filter=Result==Failed');
    const all = await query('type=BackupJobSession&filter=Result==Failed&pageSize=1000');
    const total = all.Refs?.Ref?.length ?? 0;
    expect(Number(r.PagingInfo.PagesCount)).toBe(Math.ceil(total / 7));
    const last = await query(
      `type=BackupJobSession&pageSize=7&page=${r.PagingInfo.PagesCount}&filter=Result==Failed`,
    );
    expect(last.PagingInfo.Links.Link.map((l) => l.Rel)).toEqual(['First', 'Previous', 'Last']);
  });

  it('defaults to 100 per page and caps at 1000, appending paging params', async () => {
    const r = await query('type=BackupJobSession');
    expect(r.PagingInfo.PageSize).toBe('100');
    expect(r.Refs?.Ref).toHaveLength(100);
    expect(r.PagingInfo.Links.Link[0]?.Href).toBe(
      'https://srv12.tech.local:9398/api/query?type=BackupJobSession&pageSize=100&page=1',
    );
    expect((await query('type=BackupJobSession&pageSize=5000')).PagingInfo.PageSize).toBe('1000');
  });

  it('finds recent Warning/Failed by end time, sorted by EndTime', async () => {
    const since = new Date(START - 3 * 86_400_000).toISOString();
    const r = await query(
      `type=BackupJobSession&format=Entities&filter=EndTime>="${since}";Result>=Warning&sortDesc=EndTime&pageSize=1000`,
    );
    const items = sessions(r);
    expect(items.length).toBeGreaterThan(0);
    expect(
      items.every(
        (s) =>
          ['Warning', 'Failed'].includes(s.Result ?? '') &&
          Date.parse(s.EndTimeUTC ?? '') >= Date.parse(since),
      ),
    ).toBe(true);
    const ends = items.map((s) => Date.parse(s.EndTimeUTC ?? ''));
    expect([...ends].sort((a, b) => b - a)).toEqual(ends);
  });

  it('matches names and enums case-insensitively, OR and parentheses, task sessions by VM', async () => {
    const a = await query(
      'Type=backupjobsession&Format=entities&Filter=jobname=="fileserver backup";(result==failed,result==warning)&pageSize=1000',
    );
    expect(sessions(a).every((s) => s.JobName === 'Fileserver Backup' && s.Result !== 'Success')).toBe(true);
    const t = await query(
      'type=ReplicaTaskSession&format=Entities&filter=VmDisplayName=="apache02"&sortAsc=CreationTime&pageSize=5',
    );
    const tasks = t.Entities?.ReplicaTaskSessions?.ReplicaTaskSession ?? [];
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks.every((x) => x.VmDisplayName === 'apache02')).toBe(true);
  });

  it('answers an OR of parent session UIDs with exactly their task sessions, URN or bare GUID', async () => {
    const parents = sessions(
      await query('type=BackupJobSession&format=Entities&sortDesc=CreationTime&pageSize=3'),
    ).map((s) => s.UID ?? '');
    const tasksOf = async (filter: string) => {
      const r = await query(
        `type=BackupTaskSession&format=Entities&filter=${encodeURIComponent(filter)}&sortAsc=CreationTime&pageSize=1000`,
      );
      return r.Entities?.BackupTaskSessions?.BackupTaskSession ?? [];
    };
    const one = await Promise.all(parents.map((uid) => tasksOf(`JobSessionUid=="${uid}"`)));
    const guid = (uid: string) => uid.slice(uid.lastIndexOf(':') + 1);

    const batched = await tasksOf(parents.map((uid) => `JobSessionUid=="${uid}"`).join(','));
    const bare = await tasksOf(parents.map((uid) => `JobSessionUid==${guid(uid)}`).join(','));
    // The union holds for an OR under an AND, and an OR of mixed fields is still evaluated in full.
    const anded = await tasksOf(
      `(${parents.map((uid) => `JobSessionUid=="${uid}"`).join(',')});Result==Success`,
    );
    const mixed = await tasksOf(`JobSessionUid=="${parents[0]}",VmDisplayName=="apache02"`);

    const uids = (list: Record<string, string>[]) => list.map((t) => t.UID).sort();
    expect(one.every((list) => list.length > 0)).toBe(true);
    expect(uids(batched)).toEqual(uids(one.flat()));
    expect(uids(bare)).toEqual(uids(one.flat()));
    expect(uids(anded)).toEqual(uids(one.flat().filter((t) => t.Result === 'Success')));
    expect(mixed.filter((t) => t.JobSessionUid === parents[0])).toHaveLength(one[0]?.length ?? -1);
    expect(mixed.some((t) => t.VmDisplayName === 'apache02' && t.JobSessionUid !== parents[0])).toBe(true);
  });

  it('serves the other types', async () => {
    expect((await query('type=Job&filter=Name=="Fileserver02 Replication"')).Refs?.Ref).toHaveLength(1);
    expect((await query('type=Job&filter=JobType==Replica&pageSize=100')).Refs?.Ref?.length).toBeGreaterThan(
      5,
    );
    expect((await query('type=CdpPolicy')).Refs?.Ref?.length).toBe(3);
    expect((await query('type=CloudFailoverPlan&format=Entities')).raw).toContain('<CloudFailoverPlan ');
    expect((await query('type=BackupServer&filter=Port==9392')).Refs?.Ref).toHaveLength(3);
  });

  it.each([
    'type=Nope',
    'format=Entities',
    'type=BackupJobSession&filter=Bogus==1',
    'type=BackupJobSession&filter=CreationTimeUTC>="2025-01-01"',
    'type=CdpReplicaSession&filter=CreationTime>="2025-01-01"',
    'type=BackupJobSession&filter=Name=="open',
    'type=BackupJobSession&filter=(Result==Failed',
    'type=BackupJobSession&filter=Result=Failed',
    'type=BackupJobSession&filter=Result==Maybe',
    'type=BackupJobSession&sortDesc=Bogus',
    'type=BackupJobSession&pageSize=0',
    'type=BackupJobSession&page=x',
    'type=BackupJobSession&filter=%E0%A4%A',
  ])('answers 400 with an Error body for %s', async (q) => {
    const res = await apiGet(sim, `query?${q}`, token);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /<Error xmlns="http:\/\/www.veeam.com\/ent\/v1.0" Message="[^"]+" StatusCode="400">/,
    );
  });

  it('accepts Result on CDP task sessions', async () => {
    expect((await apiGet(sim, 'query?type=CdpReplicaTaskSession&filter=Result==Failed', token)).status).toBe(
      200,
    );
  });

  it('answers JSON without a BOM by default (strict parsers on EM 10+)', async () => {
    const res = await fetch(`${sim.url}query?type=BackupJobSession&format=Entities&pageSize=2`, {
      headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes[0]).toBe(0x7b);
    const body = JSON.parse(bytes.toString('utf8')) as {
      Entities: { BackupJobSessions: { BackupJobSessions: Record<string, unknown>[] } };
      PagingInfo: { PageSize: number; Links: { Rel: string }[] };
    };
    const first = body.Entities.BackupJobSessions.BackupJobSessions[0] ?? {};
    expect(Object.keys(first).slice(-5)).toEqual(['Name', 'UID', 'Links', 'Href', 'Type']);
    expect(typeof first.Progress).toBe('number');
    expect(typeof first.IsRetry).toBe('boolean');
    expect(body.PagingInfo.PageSize).toBe(2);
    const err = await fetch(`${sim.url}query?type=Nope`, {
      headers: { 'X-RestSvcSessionId': token, Accept: 'application/json' },
    });
    expect(JSON.parse(await err.text())).toMatchObject({ StatusCode: 400, StackTrace: null });
  });

  it('starts JSON bodies and errors with a UTF-8 BOM with jsonBom', async () => {
    const bom = await startTestSim({ history: 20, jsonBom: true });
    const t = await logon(bom);
    for (const path of ['jobs', 'query?type=Nope']) {
      const res = await fetch(`${bom.url}${path}`, {
        headers: { 'X-RestSvcSessionId': t, Accept: 'application/json' },
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(() => JSON.parse(bytes.subarray(3).toString('utf8'))).not.toThrow();
    }
    await bom.stop();
  });

  it('writes publicBaseUrl into every Href and honours the typo option', async () => {
    const r = await query('type=ReplicaJobSession&format=Entities&pageSize=1');
    const hrefs = [...r.raw.matchAll(/Href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs.every((h) => h?.startsWith('https://srv12.tech.local:9398/api/'))).toBe(true);
    expect(r.raw).toContain('/replicaTaskSessions"');
    const typo = await startTestSim({ history: 50, replicaTaskTypo: true });
    const t = await logon(typo);
    const res = await apiGet(typo, 'query?type=ReplicaJobSession&pageSize=1', t);
    expect(res.text).toContain('/repicaTaskSessions"');
    const id = /replicaSessions\/([0-9a-f-]+)\/repicaTaskSessions/.exec(res.text)?.[1] ?? '';
    expect((await apiGet(typo, `replicaSessions/${id}/repicaTaskSessions`, t)).status).toBe(200);
    expect((await apiGet(typo, `replicaSessions/${id}/replicaTaskSessions`, t)).status).toBe(200);
    await typo.stop();
  });

  it('is deterministic for a seed', async () => {
    const other = await startTestSim({ history: 2000, publicBaseUrl: 'https://srv12.tech.local:9398' });
    const t = await logon(other);
    const q = 'query?type=BackupJobSession&format=Entities&sortDesc=CreationTime&pageSize=20';
    expect((await apiGet(other, q, t)).text).toBe((await apiGet(sim, q, token)).text);
    await other.stop();
  });
});
