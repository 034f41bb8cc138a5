import { collectionItems, rawItems } from '../../../src/em/estate-query.js';
import {
  mapBackup,
  mapJob,
  mapJobIncludes,
  mapRepository,
  mapRestorePoint,
  mapVmPoint,
} from '../../../src/em/mappers/estate.js';
import { mapTask } from '../../../src/em/mappers/tasks.js';
import { parseXml } from '../../../src/em/xml.js';
import { readEmFixture } from '../../helpers/fixtures.js';

const node = (name: string) => parseXml(readEmFixture(name)).node;

describe('job mapper', () => {
  it('reads the schedule, the next run and the action links of the reference example', () => {
    const job = mapJob(node('job-entity.xml'));
    expect(job).toMatchObject({
      name: 'DB Backup',
      jobType: 'Backup',
      platform: 'HyperV',
      backupServerName: 'srv12.tech.local',
      schedule: { configured: true, enabled: true, kind: 'Daily', intervalMinutes: 1440 },
    });
    expect(job.schedule.nextRun?.toISOString()).toBe('2020-02-01T17:00:00.000Z');
    expect(job.actions.start).toMatch(/\/jobs\/5658281f-625e-4627-89dd-d2a0c48be99e\?action=start$/);
    expect(job.actions.stop).toMatch(/\?action=stop$/);
    expect(job.actions.retry).toMatch(/\?action=retry$/);
  });

  it('lists the VMs the job includes by display name, leaving out folders and tags', () => {
    expect(mapJobIncludes(node('job-entity.xml'))).toEqual(['sqlsrv03']);
    const withFolder = readEmFixture('job-entity.xml').replace(
      'urn:HyperV:Vm:8e7fef9f',
      'urn:HyperV:Folder:8e7fef9f',
    );
    expect(mapJobIncludes(parseXml(withFolder).node)).toEqual([]);
    const withoutIncludes = readEmFixture('job-entity.xml').replace(/<Includes>[\s\S]*<\/Includes>/, '');
    expect(mapJobIncludes(parseXml(withoutIncludes).node)).toBeUndefined();
  });

  it('derives a periodic interval in minutes from FullPeriod and its unit', () => {
    const periodic = readEmFixture('job-entity.xml')
      .replace('<OptionsDaily Enabled="true">', '<OptionsDaily Enabled="false">')
      .replace('<OptionsPeriodically Enabled="false">', '<OptionsPeriodically Enabled="true">')
      .replace('<FullPeriod>1</FullPeriod>', '<FullPeriod>4</FullPeriod>');
    expect(mapJob(parseXml(periodic).node).schedule).toMatchObject({
      kind: 'Periodically',
      intervalMinutes: 240,
    });
  });

  it('leaves a job without Retry link with no retry action, and a job without options with an unknown schedule', () => {
    const bare = readEmFixture('job-entity.xml')
      .replace(/<Link Rel="Retry"[^>]*\/>/, '')
      .replace(/<JobScheduleOptions>[\s\S]*<\/JobScheduleOptions>/, '')
      .replace('<ScheduleEnabled>true', '<ScheduleEnabled>false');
    const job = mapJob(parseXml(bare).node);
    expect(job.actions.retry).toBeUndefined();
    expect(job.actions.start).toBeDefined();
    expect(job.schedule).toMatchObject({ enabled: false, kind: 'Unknown', intervalMinutes: undefined });
  });

  it('maps the simulator’s Job query entities, keeping names as data', () => {
    const jobs = rawItems(node('sim-query-result-jobs.xml')).map((item) => mapJob(item.node));
    expect(jobs.map((job) => job.name)).toEqual(['Fileserver Backup', 'Oracle Backup', 'SQL Nightly']);
    expect(jobs[0]?.schedule).toMatchObject({
      configured: true,
      enabled: true,
      kind: 'Daily',
      intervalMinutes: 1440,
    });
    expect(jobs[0]?.schedule.nextRun?.toISOString()).toBe('2025-11-20T12:00:00.000Z');
    expect(jobs.every((job) => job.actions.start && job.actions.stop && job.actions.retry)).toBe(true);
  });
});

describe('repository, backup and restore point mappers (simulator XML)', () => {
  it('maps a repository with its free space percentage and backup server', () => {
    const repo = mapRepository(node('sim-repository-entity.xml'));
    expect(repo).toMatchObject({
      name: 'Default Backup Repository',
      capacityBytes: 4398046511104,
      freeBytes: 1869169767219,
      freePercent: 42.5,
      kind: 'WindowsLocal',
      backupServerName: 'srv02.tech.local',
    });
  });

  it('gives no percentage for a repository without a capacity', () => {
    const xml = readEmFixture('sim-repository-entity.xml').replace(
      /<Capacity>\d+<\/Capacity>/,
      '<Capacity>0</Capacity>',
    );
    expect(mapRepository(parseXml(xml).node).freePercent).toBeUndefined();
  });

  it('maps a backup with its job', () => {
    expect(mapBackup(node('sim-backup-entity.xml'))).toMatchObject({
      type: 'Backup',
      jobName: 'Fileserver Backup',
      jobType: 'Backup',
      jobUid: expect.stringMatching(/^urn:veeam:Job:/) as unknown,
      repositoryUid: expect.stringMatching(/^urn:veeam:Repository:/) as unknown,
    });
  });

  it('maps a restore point: the Type element, not the Type attribute', () => {
    const point = mapRestorePoint(node('sim-restore-point-entity.xml'));
    expect(point.type).toBe('RestorePoint');
    expect(['Full', 'Increment']).toContain(point.pointType);
    expect(point.creationTime).toBeInstanceOf(Date);
    expect(point.backup?.type).toBe('BackupReference');
  });

  it('maps VM restore points of a run with VM, times, type, algorithm, hierarchy ref and Up links', () => {
    const items = collectionItems(node('sim-vm-restore-points-entities.xml'));
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((item) => item.element === 'VmRestorePoint')).toBe(true);
    const point = mapVmPoint('VmRestorePoint', (items[0] as (typeof items)[number]).node);
    expect(point).toMatchObject({
      kind: 'VmRestorePoint',
      vmName: 'dbserver02',
      pointType: 'Full',
      algorithm: 'Full',
      pointKind: 'Full',
      hierarchyObjRef: 'urn:VMware:Vm:dd4524db-d831-4c87-acbf-707230197df2.vm-1154',
    });
    expect(point.creationTime?.toISOString()).toBe('2025-10-27T17:49:33.112Z');
    expect(point.restorePoint?.type).toBe('RestorePointReference');
    expect(point.backup?.name).toBe('Fileserver Backup');
  });

  it('maps a VM replica point: no Type element, Up to its replica', () => {
    const point = mapVmPoint('VmReplicaPoint', node('sim-vm-replica-point-entity.xml'));
    expect(point.kind).toBe('VmReplicaPoint');
    expect(point.pointType).toBeUndefined();
    expect(point.vmName).not.toBe('');
    expect(point.backup?.type).toBe('ReplicaReference');
    expect(point.restorePoint).toBeUndefined();
  });
});

describe('task mapper (reference examples)', () => {
  it('maps a running task: no result yet', () => {
    expect(mapTask(node('task-running.xml'))).toMatchObject({
      taskId: 'task-10',
      state: 'Running',
      operation: 'StartJob',
      success: undefined,
      message: undefined,
      related: undefined,
    });
  });

  it('maps a finished task with its Success attribute and message', () => {
    const task = mapTask(node('task-finished.xml'));
    expect(task).toMatchObject({ taskId: 'task-1', state: 'Finished', success: true });
    expect(task.message).toBe('Job "Oracle Backup" triggered to start.');
    expect(task.href).toMatch(/\/api\/tasks\/task-1$/);
  });

  it('reads the Related session link of finished tasks in a task query', () => {
    const tasks = rawItems(node('query-result-tasks.xml')).map((item) => mapTask(item.node));
    expect(tasks.map((task) => task.related?.type)).toEqual(['BackupJobSession', 'ReplicaJobSession', 'Job']);
    expect(tasks[0]?.related?.href).toMatch(/\/backupSessions\/35c24055-[^?]+\?format=Entity$/);
  });

  it('reads Success="false" as a failure', () => {
    const failed = readEmFixture('task-finished.xml').replace('Success="true"', 'Success="false"');
    expect(mapTask(parseXml(failed).node).success).toBe(false);
  });
});
