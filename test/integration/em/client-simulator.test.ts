import { simClient } from '../../helpers/sim-client.js';
import fc from 'fast-check';
import { type EmClient } from '../../../src/em/client.js';
import {
  backupServerOf,
  jobOf,
  latestSessionsOf,
  latestTaskSessionsOfVm,
  parentSessionOf,
  problemSessionsSince,
  runningSessions,
  sessionByIdentifier,
  taskSessionsOf,
} from '../../../src/em/lookups.js';
import { buildQueryPath } from '../../../src/em/query.js';
import { isSafeFilterText } from '../../../src/em/query.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';

function clientFor(sim: RunningSimulator): EmClient {
  return simClient(sim);
}

describe('EM client against the simulator', () => {
  let sim: RunningSimulator;
  let client: EmClient;

  beforeAll(async () => {
    sim = await startManualSimulator({ history: 300, publicBaseUrl: 'https://srv12.tech.local:9398' });
    client = clientFor(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.stop();
  });

  it('finds a job’s newest sessions with their failed VMs, following Hrefs written for another host', async () => {
    const created = sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      state: 'Stopped',
      result: 'Failed',
      failureMessage: 'Replica host is unreachable',
      tasks: [
        { vmName: 'apache02', result: 'Failed', reason: 'Failed to connect to host esx07' },
        { vmName: 'fs02', result: 'Success' },
      ],
    });
    const [newest] = await latestSessionsOf(
      client,
      'ReplicaJobSession',
      { name: 'fileserver02 replication' },
      5,
    );
    expect(newest).toMatchObject({
      uid: created.uid,
      result: 'Failed',
      state: 'Stopped',
      jobName: 'Fileserver02 Replication',
    });
    expect(newest?.href).toMatch(/^https:\/\/srv12\.tech\.local:9398\/api\//);
    const tasks = await taskSessionsOf(client, newest!);
    expect(tasks.map((t) => [t.vmName, t.result, t.reason])).toEqual(
      expect.arrayContaining([
        ['apache02', 'Failed', 'Failed to connect to host esx07'],
        ['fs02', 'Success', undefined],
      ]),
    );
    const parent = await parentSessionOf(client, tasks[0]!);
    expect(parent?.uid).toBe(created.uid);
    const job = await jobOf(client, newest!);
    expect(job).toMatchObject({ name: 'Fileserver02 Replication', type: 'Job' });
    expect(job?.fields['JobType']).toBe('Replica');
    const server = await backupServerOf(client, newest!);
    expect(server?.type).toBe('BackupServer');
    expect(server?.name).toMatch(/\.tech\.local$/);
  });

  it('looks a session up by UID, bare ID and href', async () => {
    const created = sim.createSession({
      type: 'BackupJobSession',
      jobName: 'SQL Nightly',
      state: 'Stopped',
      result: 'Warning',
    });
    for (const identifier of [created.uid, created.id, created.href]) {
      expect((await sessionByIdentifier(client, identifier))?.uid).toBe(created.uid);
    }
    expect(await sessionByIdentifier(client, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('finds a VM’s task sessions across types, newest first', async () => {
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'VM Test Backup',
      state: 'Stopped',
      result: 'Success',
      tasks: [{ vmName: 'odd.vm-ü 01', result: 'Success' }],
    });
    sim.clock.advance(60_000);
    sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP VM Test',
      state: 'Working',
      tasks: [{ vmName: 'odd.vm-ü 01', result: 'Warning', state: 'Completed' }],
    });
    const tasks = await latestTaskSessionsOfVm(client, 'odd.vm-ü 01', 5);
    expect(tasks.map((t) => t.kind)).toEqual(['CdpReplicaTaskSession', 'BackupTaskSession']);
  });

  it('lists problems in a window and running sessions through filtered queries only', async () => {
    sim.resetStats();
    const since = new Date(sim.clock.now());
    sim.clock.advance(1000);
    const failed = sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Window Job',
      state: 'Stopped',
      result: 'Failed',
    });
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Window Job',
      state: 'Stopped',
      result: 'Success',
    });
    const running = sim.createSession({ type: 'BackupJobSession', jobName: 'Window Job', state: 'Working' });
    const problems = await problemSessionsSince(client, 'BackupJobSession', { since }, 100);
    expect(problems.map((s) => s.uid)).toEqual([failed.uid]);
    const working = await runningSessions(client, 'BackupJobSession', 100);
    expect(working.map((s) => s.uid)).toContain(running.uid);
    expect(
      working.every((s) => s.state !== 'Stopped' && s.endTime === undefined && s.result === 'None'),
    ).toBe(true);
    const routes = Object.keys(sim.stats().requests.byRoute);
    expect(routes.filter((r) => /backupSessions$/.test(r))).toEqual([]);
  });

  it('pages with Next links and stops at the caller’s limit', async () => {
    sim.resetStats();
    const seen: number[] = [];
    for await (const page of client.pages(
      { type: 'BackupJobSession', sortDesc: 'CreationTime', pageSize: 7 },
      20,
    )) {
      seen.push(page.sessions.length);
    }
    expect(seen).toEqual([7, 7, 7]);
    expect(sim.stats().requests.byType['BackupJobSession']).toBe(3);
  });

  it('keeps paging across a token expiry (one re-logon, no lost page)', async () => {
    const pages = client.pages({ type: 'BackupJobSession', sortDesc: 'CreationTime', pageSize: 10 }, 30);
    const first = await pages.next();
    sim.setFaults({ expireTokens: true });
    const rest: number[] = [];
    for await (const page of pages) rest.push(page.sessions.length);
    expect(first.value?.sessions).toHaveLength(10);
    expect(rest).toEqual([10, 10]);
    sim.clearFaults();
  });

  it('rides out a burst of 503s', async () => {
    sim.setFaults({ status: 503, count: 2 });
    await expect(
      latestSessionsOf(client, 'BackupJobSession', { name: 'SQL Nightly' }, 1),
    ).resolves.toHaveLength(1);
    sim.clearFaults();
  });

  it('property: a job name matches literally, whatever punctuation or script it holds', async () => {
    const names = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 24 })
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && isSafeFilterText(s));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(names, fc.constantFrom('a"b', '==x', 'x<=y', 'Jörg’s "VM"', 'x&y', '=="')),
        async (name) => {
          const created = sim.createSession({
            type: 'BackupJobSession',
            jobName: name,
            state: 'Stopped',
            result: 'Success',
          });
          const found = await latestSessionsOf(client, 'BackupJobSession', { name }, 5);
          expect(found.map((s) => s.jobName.toLowerCase())).toEqual(found.map(() => name.toLowerCase()));
          expect(found.map((s) => s.uid)).toContain(created.uid);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never sends a filter the simulator cannot parse', async () => {
    const path = buildQueryPath({
      type: 'BackupJobSession',
      filter: { and: [{ field: 'JobName', op: '==', value: 'a "b" c' }] },
      pageSize: 1,
    });
    await expect(client.get(path)).resolves.toMatchObject({ kind: 'list' });
  });
});
