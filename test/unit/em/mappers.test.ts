import { mapDocument } from '../../../src/em/mappers/documents.js';
import {
  mapEnterpriseManager,
  mapErrorBody,
  mapLogonSession,
  mapPagingInfo,
} from '../../../src/em/mappers/envelopes.js';
import { parseEmDate } from '../../../src/em/mappers/fields.js';
import type { EmDocument } from '../../../src/em/mappers/documents.js';
import { parseXml } from '../../../src/em/xml.js';
import { listEmFixtures, readEmFixture } from '../../helpers/fixtures.js';

const load = (name: string) => mapDocument(parseXml(readEmFixture(name)));
function expectKind<K extends EmDocument['kind']>(
  document: EmDocument,
  kind: K,
): Extract<EmDocument, { kind: K }> {
  expect(document.kind).toBe(kind);
  return document as Extract<EmDocument, { kind: K }>;
}

describe('session mappers', () => {
  it('maps a finished BackupJobSession entity with its links', () => {
    const { session } = expectKind(load('backup-job-session-entity.xml'), 'session');
    expect(session).toMatchObject({
      kind: 'BackupJobSession',
      uid: 'urn:veeam:BackupJobSession:a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6',
      id: 'a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6',
      name: 'Backup Job 3@2025-09-24 20:00:09',
      jobName: 'Backup Job 3',
      jobUid: 'urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e',
      jobType: 'Backup',
      state: 'Stopped',
      result: 'Success',
      progress: 100,
      isRetry: false,
    });
    expect(session.creationTime?.toISOString()).toBe('2025-09-24T20:00:09.607Z');
    expect(session.endTime?.toISOString()).toBe('2025-09-24T20:02:54.717Z');
    expect(session.links).toHaveLength(6);
    expect(session.links.find((l) => l.rel === 'Related')).toMatchObject({
      type: 'RestorePointReference',
      name: '',
    });
    expect(session.links.find((l) => l.rel === 'Stop')?.type).toBeUndefined();
  });

  it('maps a running CDP session from a QueryResult whose items are named CdpPolicySession', () => {
    const list = expectKind(load('query-result-cdp-replica-sessions.xml'), 'list');
    expect(list.sessions.map((s) => s.kind)).toEqual(['CdpReplicaSession', 'CdpReplicaSession']);
    const [running, failed] = list.sessions;
    expect(running).toMatchObject({
      jobName: 'CDP Policy',
      state: 'Working',
      result: 'None',
      endTime: undefined,
    });
    expect(running?.failureMessage).toBeUndefined();
    expect(failed).toMatchObject({ result: 'Failed', progress: 0 });
    expect(failed?.endTime?.toISOString()).toBe('2025-06-16T15:00:53.780Z');
  });

  it('maps the nested CloudFailoverTasks of a running failover session', () => {
    const { session } = expectKind(load('cloud-failover-session-entity-running.xml'), 'session');
    expect(session.kind).toBe('CloudFailoverSession');
    if (session.kind !== 'CloudFailoverSession') return;
    expect(session.jobName).toBe('ABC Company Failover Plan');
    expect(session.result).toBe('None');
    expect(session.tasks.map((t) => [t.vmName, t.state, t.result])).toEqual([
      ['filesrv03', 'Working', 'None'],
      ['filesrv04', 'Starting', 'None'],
    ]);
    expect(session.tasks[0]?.replicaPoint?.type).toBe('CloudVmReplicaPointReference');
    expect(session.tasks[0]?.endTime).toBeUndefined();
  });

  it('maps a finished failover session with no tasks element content', () => {
    const { session } = expectKind(load('cloud-failover-session-entity.xml'), 'session');
    expect(session.kind).toBe('CloudFailoverSession');
  });

  it('maps the seed ReplicaJobSession entity and reference', () => {
    const { session } = expectKind(load('seed-000-1-ReplicaJobSession.xml'), 'session');
    expect(session).toMatchObject({ kind: 'ReplicaJobSession', jobName: 'Fileserver02 Replication' });
    const { reference } = expectKind(load('seed-000-0-EntityRef.xml'), 'reference');
    expect(reference.type).toBe('ReplicaJobSessionReference');
    expect(reference.links.find((l) => l.rel === 'Down')?.href).toMatch(/TaskSessions$/);
  });
});

describe('task session mappers', () => {
  it('reads VmDisplayName from the attribute and keeps the long reason', () => {
    const list = expectKind(load('query-result-backup-task-sessions-paged.xml'), 'list');
    expect(list.tasks).toHaveLength(3);
    const [first] = list.tasks;
    expect(first).toMatchObject({
      kind: 'BackupTaskSession',
      vmName: 'dbserver01',
      result: 'Failed',
      totalSize: 0,
    });
    expect(first?.reason).toMatch(
      /^Error: There is not enough space on the disk\..*DataTransfer\.BackupText\}\.$/,
    );
    expect(first?.sessionUid).toBe('urn:veeam:BackupJobSession:35c24055-bdee-4e43-b655-a42de408d2ec');
    expect(first?.vmUid).toBe('urn:VMware:Vm:de28dc43-b8ee-4e17-8e63-3d38b6604033.vm-62228');
  });

  it('takes a CDP task session’s canonical Href from its Alternate link', () => {
    const { task } = expectKind(load('cdp-replica-task-session-entity.xml'), 'task');
    expect(task.kind).toBe('CdpReplicaTaskSession');
    expect(task.href).toMatch(
      /\/api\/cdpReplicaTaskSessions\/2ec4d35f-b5d8-4cb3-9d11-12e1d5792625\?format=Entity$/,
    );
    expect(task.sessionUid).toBe('urn:veeam:CdpReplicaSession:6b872a71-51e8-437a-8d45-5c6494b92f3f');
    expect(task.endTime).toBeUndefined();
    expect(task.reason).toBeUndefined();
    expect(task.totalSize).toBe(17179869184);
  });

  it('maps replica task session entity lists', () => {
    const list = expectKind(load('replica-task-sessions-entity-list.xml'), 'list');
    expect(list.tasks.length).toBeGreaterThan(0);
    expect(list.tasks.every((t) => t.kind === 'ReplicaTaskSession' && t.vmName !== '')).toBe(true);
  });
});

describe('reference lists and envelopes', () => {
  it('maps EntityReferences with one-item and many-item link lists', () => {
    const list = expectKind(load('seed-004-0-EntityReferences.xml'), 'list');
    expect(list.references.length).toBeGreaterThan(3);
    expect(list.references[0]).toMatchObject({
      type: 'CdpReplicaTaskSessionReference',
      name: 'virt03-ubuntu01@2021-02-12 00:00:10',
    });
    expect(list.references[0]?.links).toHaveLength(3);
  });

  it('decodes &amp; in paging links exactly once and finds the Next link', () => {
    const paging = mapPagingInfo(parseXml(readEmFixture('query-result-backup-task-sessions-paged.xml')).node);
    expect(paging).toMatchObject({ pageNum: 1, pageSize: 3, pagesCount: 7 });
    expect(paging.next).toBe(
      'https://localhost:9398/api/query?type=BackupTaskSession&format=Entities&sortDesc=CreationTime&pageSize=3&page=2&filter=Result==Failed;VmDisplayName==dbserver01',
    );
  });

  it('reads the Error body, LogonSession and EnterpriseManager root', () => {
    expect(mapErrorBody(parseXml(readEmFixture('error-500.xml')))).toMatchObject({ statusCode: 500 });
    const logon = mapLogonSession(parseXml(readEmFixture('logon-session.xml')).node);
    expect(logon.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logon.links.some((l) => l.rel === 'Delete')).toBe(true);
    const root = mapEnterpriseManager(parseXml(readEmFixture('enterprise-manager-root.xml')).node);
    expect(root.supportedVersions).toEqual(expect.arrayContaining(['v1_7']));
  });

  it.each(listEmFixtures())('maps fixture %s without throwing', (name) => {
    expect(() => load(name)).not.toThrow();
  });
});

describe('parseEmDate', () => {
  it.each([
    ['2014-10-19T05:22:52Z', '2014-10-19T05:22:52.000Z'],
    ['2025-06-05T01:04:29.56Z', '2025-06-05T01:04:29.560Z'],
    ['2025-08-16T05:17:38.22142Z', '2025-08-16T05:17:38.221Z'],
    ['2025-08-15T20:04:13.4876023Z', '2025-08-15T20:04:13.487Z'],
    ['2025-06-15', '2025-06-15T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseEmDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['1753-01-01T00:00:00Z', '0001-01-01T00:00:00Z', 'yesterday', '', '2025-13-45T99:00:00Z'])(
    'treats %j as no value',
    (text) => {
      expect(parseEmDate(text)).toBeUndefined();
    },
  );
});
