import type { RunningSimulator } from '../../../src/simulator/index.js';
import { logonAs } from './action-helpers.js';
import { apiGet, startTestSim } from './sim-helpers.js';
import { findShape, fixtureShape, plain, shapeOfXml, type Shape } from './xml-shape.js';

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startTestSim({ history: 1500 });
  // The EM examples show a Portal Administrator's view: jobs with their action links (simulator.md, roles).
  token = await logonAs(sim, 'operator');
  sim.createSession({
    type: 'CloudFailoverSession',
    jobName: 'ABC Company Failover Plan',
    state: 'Stopped',
    result: 'Failed',
  });
  sim.createSession({
    type: 'CloudFailoverSession',
    jobName: 'Empty Plan',
    state: 'Stopped',
    result: 'Success',
  });
  sim.createSession({
    type: 'CloudFailoverSession',
    jobName: 'Running Plan',
    state: 'Working',
    tasks: [
      { vmName: 'filesrv03', state: 'Working' },
      { vmName: 'filesrv04', state: 'Starting' },
    ],
  });
});
afterAll(() => sim.stop());

async function xml(path: string): Promise<string> {
  const res = await apiGet(sim, path, token);
  expect(res.status).toBe(200);
  return res.text;
}

/** The path (after /api/) of the first Ref of a query. */
async function firstRef(query: string): Promise<string> {
  type Refs = { Refs: { Ref: { Href: string }[] } };
  const doc = plain.parse(await xml(query)) as {
    QueryResult?: Refs;
    EntityReferences?: Refs & { Ref?: { Href: string }[] };
  };
  const href = (doc.QueryResult?.Refs.Ref ?? doc.EntityReferences?.Ref ?? [])[0]?.Href ?? '';
  return href.slice(href.indexOf('/api/') + 5);
}

const expectSameShape = (actual: Shape, fixture: string): void =>
  expect(actual).toEqual(fixtureShape(fixture));

describe('shape fidelity against the EM examples', () => {
  it('BackupJobSession entity, reference list and task lists', async () => {
    const path = await firstRef('query?type=BackupJobSession&filter=Result==Success&pageSize=1');
    expectSameShape(shapeOfXml(await xml(`${path}?format=Entity`)), 'backup-job-session-entity.xml');
    expectSameShape(shapeOfXml(await xml('backupSessions')), 'backup-sessions-refs.xml');
    expectSameShape(shapeOfXml(await xml(`${path}/taskSessions`)), 'backup-session-task-sessions-refs.xml');
  });

  it('BackupTaskSession entity with VmDisplayName attribute and VmUid', async () => {
    // A task of a successful run: only Success/Warning runs leave restore points (the Related link).
    const run = await firstRef('query?type=BackupJobSession&filter=Result==Success&pageSize=1');
    const path = await firstRef(`${run}/taskSessions`);
    expectSameShape(shapeOfXml(await xml(`${path}?format=Entity`)), 'backup-task-session-entity.xml');
  });

  it('ReplicaJobSession EntityRef, entity, list and its task-session entity list', async () => {
    const path = await firstRef('query?type=ReplicaJobSession&filter=Result==Success&pageSize=1');
    expectSameShape(shapeOfXml(await xml(path)), 'replica-job-session-ref.xml');
    expectSameShape(shapeOfXml(await xml(`${path}?format=Entity`)), 'replica-job-session-entity.xml');
    expectSameShape(shapeOfXml(await xml('replicaSessions')), 'replica-sessions-refs.xml');
    expectSameShape(
      shapeOfXml(await xml(`${path}/replicaTaskSessions?format=Entity`)),
      'replica-task-sessions-entity-list.xml',
    );
  });

  it('CdpReplicaSession running entity, list and task sessions (Href quirk)', async () => {
    const path = await firstRef('query?type=CdpReplicaSession&filter=State==Working&pageSize=1');
    expectSameShape(shapeOfXml(await xml(`${path}?format=Entity`)), 'cdp-replica-session-entity.xml');
    expectSameShape(shapeOfXml(await xml('cdpReplicaSessions')), 'cdp-replica-sessions-refs.xml');
    expectSameShape(
      shapeOfXml(await xml(`${path}/cdpReplicaTaskSessions`)),
      'cdp-replica-task-sessions-refs.xml',
    );
    const task = await firstRef('query?type=CdpReplicaTaskSession&filter=State==InProgress&pageSize=1');
    const entity = await xml(`${task}?format=Entity`);
    expectSameShape(shapeOfXml(entity), 'cdp-replica-task-session-entity.xml');
    type Item = { Href: string; Links: { Link: { Rel: string; Href: string }[] } };
    const item = (plain.parse(entity) as { CdpReplicaTaskSession: Item[] }).CdpReplicaTaskSession[0];
    expect(item?.Href).toMatch(/\/api\/replicaTaskSessions\/[0-9a-f-]+\?format=Entity$/);
    expect(item?.Links.Link.find((l) => l.Rel === 'Alternate')?.Href).toMatch(
      /\/api\/cdpReplicaTaskSessions\//,
    );
  });

  it('CloudFailoverSession finished, running (nested CloudFailoverTasks) and list', async () => {
    const done = await firstRef('query?type=CloudFailoverSession&filter=Name=="Empty Plan"');
    expectSameShape(shapeOfXml(await xml(`${done}?format=Entity`)), 'cloud-failover-session-entity.xml');
    const running = await firstRef('query?type=CloudFailoverSession&filter=Name=="Running Plan"');
    expectSameShape(
      shapeOfXml(await xml(`${running}?format=Entity`)),
      'cloud-failover-session-entity-running.xml',
    );
    expectSameShape(shapeOfXml(await xml('cloud/failoverSessions')), 'cloud-failover-sessions-refs.xml');
  });

  it('Job, CdpPolicy and CloudFailoverPlan entities have the shape of the EM examples', async () => {
    const job = await firstRef('query?type=Job&filter=JobType==Backup;Platform==HyperV&pageSize=1');
    expectSameShape(shapeOfXml(await xml(`${job}?format=Entity`)), 'job-entity.xml');
    const cdp = await firstRef('query?type=CdpPolicy&pageSize=1');
    expectSameShape(shapeOfXml(await xml(`${cdp}?format=Entity`)), 'cdp-policy-entity.xml');
    const plan = await firstRef('query?type=CloudFailoverPlan&filter=Name=="ABC Company Failover Plan"');
    const planShape = shapeOfXml(await xml(`${plan}?format=Entity`));
    expect(findShape(planShape, 'CloudFailoverPlanOptions')).toEqual(
      findShape(fixtureShape('cloud-failover-plan-entity.xml'), 'CloudFailoverPlanOptions'),
    );
  });

  it('a replication job links to replicaSessions and holds ReplicaJobInfo', async () => {
    const job = await firstRef('query?type=Job&filter=JobType==Replica&pageSize=1');
    const entity = await xml(`${job}?format=Entity`);
    expect(entity).toContain('Type="ReplicaJobSessionReferenceList"');
    expect(entity).not.toContain('/backupSessions"');
    expect(entity).toContain('<ReplicaJobInfo>');
    expect(entity).not.toContain('<BackupJobInfo>');
    const sessions = await xml(`${job}/replicaSessions`);
    expect(sessions).toContain('Type="ReplicaJobSessionReference"');
    expect(await xml(job)).toContain(`${job}/replicaSessions"`);
  });

  it.each([
    [
      'query?type=BackupJobSession&format=Entities&filter=Result==Failed;IsRetry==false',
      'query-result-backup-job-sessions.xml',
    ],
    [
      'query?type=BackupTaskSession&format=Entities&sortDesc=CreationTime&pageSize=3&page=1&filter=Result==Failed',
      'query-result-backup-task-sessions-paged.xml',
    ],
    [
      'query?type=ReplicaTaskSession&format=Entities&sortDesc=CreationTime&filter=Result==Success;VmDisplayName==apache02&pageSize=2',
      'query-result-replica-task-sessions.xml',
    ],
    [
      'query?type=CdpReplicaSession&format=Entities&sortDesc=CreationTimeUTC&filter=CreationTimeUTC>="2025-11-01"',
      'query-result-cdp-replica-sessions.xml',
    ],
    [
      'query?type=CdpReplicaTaskSession&format=Entities&filter=State==Completed&pageSize=5',
      'query-result-cdp-replica-task-sessions.xml',
    ],
    [
      'query?type=CloudFailoverSession&format=Entities&sortDesc=CreationTime&filter=Result==failed;Name=="ABC Company Failover Plan";EndTime>="2025-11-20"',
      'query-result-cloud-failover-sessions.xml',
    ],
    ['query?type=backupServer&pageSize=1', 'query-result-backup-servers-refs-paged.xml'],
  ])('%s has the shape of %s', async (query, fixture) => {
    const actual = shapeOfXml(await xml(query));
    const expected = fixtureShape(fixture);
    expect(findShape(actual, 'Entities') ?? findShape(actual, 'Refs')).toEqual(
      findShape(expected, 'Entities') ?? findShape(expected, 'Refs'),
    );
    expect(actual.children.map((c) => c.tag)).toEqual(expected.children.map((c) => c.tag));
    expect(findShape(actual, 'PagingInfo')?.attrs).toEqual(findShape(expected, 'PagingInfo')?.attrs);
  });

  it('root, logon session and error bodies', async () => {
    expectSameShape(shapeOfXml(await (await fetch(sim.url)).text()), 'enterprise-manager-root.xml');
    const res = await fetch(`${sim.url}sessionMngr/?v=latest`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('demo:demo').toString('base64')}` },
    });
    const logonShape = shapeOfXml(await res.text());
    const example = fixtureShape('logon-session.xml');
    expect(logonShape.attrs).toEqual(example.attrs);
    expect(logonShape.children.map((c) => c.tag)).toEqual(example.children.map((c) => c.tag));
    const rels = (s: Shape): string[] => [
      ...new Set(findShape(s, 'Links')?.children.map((c) => c.attrs.join(','))),
    ];
    expect(rels(logonShape)).toEqual(rels(example));
    expectSameShape(
      shapeOfXml((await apiGet(sim, 'backupSessions/00000000-0000-4000-8000-000000000000', token)).text),
      'error-500.xml',
    );
  });
});
