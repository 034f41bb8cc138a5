import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { startSimulator } from '../../../src/simulator/index.js';
import { apiGet, logon, START, startTestSim } from './sim-helpers.js';
import { plain } from './xml-shape.js';

describe('live scenario', () => {
  it('starts, progresses and finishes sessions as the manual clock moves', async () => {
    const sim = await startTestSim({ history: 100, live: true });
    const token = await logon(sim);
    for (let i = 0; i < 30; i++) sim.clock.advance(10_000);
    const since = new Date(START).toISOString();
    const res = await apiGet(
      sim,
      `query?type=BackupJobSession&format=Entities&filter=CreationTime>="${since}"&pageSize=1000`,
      token,
    );
    const items =
      (
        plain.parse(res.text) as {
          QueryResult: { Entities: { BackupJobSessions: { BackupJobSession?: Record<string, string>[] } } };
        }
      ).QueryResult.Entities.BackupJobSessions.BackupJobSession ?? [];
    expect(items.length).toBeGreaterThan(10);
    const done = items.filter((s) => s.State === 'Stopped');
    expect(done.length).toBeGreaterThan(5);
    expect(done.some((s) => s.Result === 'Warning' || s.Result === 'Failed')).toBe(true);
    for (const s of items.filter((x) => x.State === 'Working')) {
      expect(s.Result).toBe('None');
      expect(s.EndTimeUTC).toBeUndefined();
    }
    const cdp = await apiGet(
      sim,
      `query?type=CdpReplicaTaskSession&filter=CreationTimeUTC>="${since}"&pageSize=1000`,
      token,
    );
    expect(cdp.text.match(/<Ref /g)?.length ?? 0).toBeGreaterThan(5);
    const fo = await apiGet(
      sim,
      `query?type=CloudFailoverSession&format=Entities&filter=CreationTime>="${since}"`,
      token,
    );
    expect(fo.text).toContain('<CloudFailoverTasks VmName=');
    await sim.stop();
  });
});

describe('TLS', () => {
  it('serves HTTPS with a self-signed certificate written to caFile', async () => {
    const sim = await startSimulator({ tls: true, history: 10, live: false });
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const ca = readFileSync(sim.caFile ?? '', 'utf8');
    const body = await new Promise<string>((resolve, reject) => {
      get(sim.url, { ca }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toContain('<EnterpriseManager');
    expect(body).toContain(`Href="${sim.origin}/api/logonSessions"`);
    await sim.stop();
  });
});
