import { simClient } from '../../helpers/sim-client.js';
import { type EmClient } from '../../../src/em/client.js';
import { taskSessionsOf } from '../../../src/em/lookups.js';
import { mapDocument } from '../../../src/em/mappers/documents.js';
import type { Session, TaskSession } from '../../../src/em/types.js';
import { parseXml } from '../../../src/em/xml.js';
import type { RunningSimulator, SessionSpec } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { readEmFixture } from '../../helpers/fixtures.js';

/** The values a reader sees, without the IDs and hosts that differ between a server and the simulator. */
function comparable(session: Session) {
  return {
    kind: session.kind,
    jobName: session.jobName,
    jobType: session.jobType,
    state: session.state,
    result: session.result,
    progress: session.progress,
    isRetry: session.isRetry,
    creationTime: session.creationTime?.toISOString(),
    endTime: session.endTime?.toISOString(),
    linkKinds: session.links
      .filter((l) => l.rel !== 'Stop' && l.rel !== 'Related')
      .map((l) => `${l.rel}:${l.type ?? ''}`)
      .sort(),
    tasks:
      session.kind === 'CloudFailoverSession'
        ? session.tasks.map((t) => [t.vmName, t.state, t.result, t.endTime?.toISOString()])
        : undefined,
  };
}

const comparableTask = (task: TaskSession) => ({
  kind: task.kind,
  vmName: task.vmName,
  state: task.state,
  result: task.result,
  reason: task.reason,
  creationTime: task.creationTime?.toISOString(),
  endTime: task.endTime?.toISOString(),
});

function fixtureSession(name: string, index = 0): Session {
  const document = mapDocument(parseXml(readEmFixture(name)));
  const session =
    document.kind === 'session'
      ? document.session
      : document.kind === 'list'
        ? document.sessions[index]
        : undefined;
  if (!session) throw new Error(`${name} holds no session`);
  return session;
}

/** The simulator spec that should reproduce a fixture session. */
function specOf(session: Session): SessionSpec {
  return {
    type: session.kind,
    jobName: session.jobName,
    state: session.state,
    result: session.result,
    progress: session.progress ?? 0,
    isRetry: session.isRetry,
    ...(session.creationTime ? { creationTime: session.creationTime.toISOString() } : {}),
    ...(session.endTime ? { endTime: session.endTime.toISOString() } : {}),
    ...(session.kind === 'CloudFailoverSession'
      ? {
          tasks: session.tasks.map((t) => ({
            vmName: t.vmName,
            state: t.state,
            result: t.result,
            progress: t.progress ?? 0,
          })),
        }
      : {}),
  };
}

describe('simulator XML read back through the EM client gives the reference examples’ values', () => {
  let sim: RunningSimulator;
  let client: EmClient;
  beforeAll(async () => {
    sim = await startManualSimulator({ history: 0 });
    client = simClient(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.stop();
  });

  it.each([
    ['backup-job-session-entity.xml', 0],
    ['seed-000-1-ReplicaJobSession.xml', 0],
    ['query-result-cdp-replica-sessions.xml', 0],
    ['query-result-cdp-replica-sessions.xml', 1],
    ['cloud-failover-session-entity.xml', 0],
    ['cloud-failover-session-entity-running.xml', 0],
  ])('%s (item %i)', async (fixture, index) => {
    const expected = fixtureSession(fixture, index);
    const created = sim.createSession(specOf(expected));
    const document = await client.get(created.href);
    expect(document.kind).toBe('session');
    if (document.kind !== 'session') return;
    expect(comparable(document.session)).toEqual(comparable(expected));
  });

  it('task sessions: the paged backup task example and the in-progress CDP task example', async () => {
    const list = mapDocument(parseXml(readEmFixture('query-result-backup-task-sessions-paged.xml')));
    const backupTask = list.kind === 'list' ? list.tasks[0] : undefined;
    const cdp = mapDocument(parseXml(readEmFixture('cdp-replica-task-session-entity.xml')));
    const cdpTask = cdp.kind === 'task' ? cdp.task : undefined;
    if (!backupTask || !cdpTask) throw new Error('fixtures changed');
    const backup = sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Backup Job 1',
      state: 'Stopped',
      result: 'Failed',
      creationTime: '2025-06-05T01:03:37Z',
      endTime: '2025-06-05T01:05:00Z',
      tasks: [
        {
          vmName: backupTask.vmName,
          state: backupTask.state,
          result: backupTask.result,
          reason: backupTask.reason ?? '',
          creationTime: backupTask.creationTime?.toISOString(),
          endTime: backupTask.endTime?.toISOString(),
        },
      ],
    });
    const backupSession = await client.get(backup.href);
    if (backupSession.kind !== 'session') throw new Error('not a session');
    expect((await taskSessionsOf(client, backupSession.session)).map(comparableTask)).toEqual([
      comparableTask(backupTask),
    ]);

    const policy = sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Policy 1',
      state: 'Working',
      creationTime: '2021-02-11T19:08:36Z',
      tasks: [
        {
          vmName: cdpTask.vmName,
          state: cdpTask.state,
          result: cdpTask.result,
          creationTime: cdpTask.creationTime?.toISOString(),
        },
      ],
    });
    const policySession = await client.get(policy.href);
    if (policySession.kind !== 'session') throw new Error('not a session');
    const [task] = await taskSessionsOf(client, policySession.session);
    expect(comparableTask(task!)).toEqual(comparableTask(cdpTask));
    expect(task?.href).toMatch(/\/cdpReplicaTaskSessions\/[0-9a-f-]+\?format=Entity$/);
  });
});
