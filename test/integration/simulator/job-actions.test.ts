import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startTestSim } from './sim-helpers.js';
import { call, logonAs, rootOf, targets, taskOf, type Target } from './action-helpers.js';
import { fixtureShape, shapeOfXml } from './xml-shape.js';

describe('simulator job actions and tasks', () => {
  let sim: RunningSimulator;
  let token: string;
  let jobs: Target[];

  beforeAll(async () => {
    sim = await startTestSim();
    token = await logonAs(sim, 'operator');
    jobs = await targets(sim, token, 'jobs', 'Job');
  });
  afterAll(async () => {
    await sim.stop();
  });

  const backupJob = (n: number): Target => jobs.filter((j) => j.jobType === 'Backup')[n] as Target;
  const vmNames = async (job: Target): Promise<string[]> => {
    const { xml } = await call(sim, 'GET', `jobs/${job.guid}/includes`, token);
    const list = (xml.ObjectsInJob as Record<string, unknown>).ObjectInJob;
    return (Array.isArray(list) ? list : [list]).map((o) => String((o as Record<string, unknown>).Name));
  };
  const relatedOf = (task: ReturnType<typeof taskOf>): string =>
    task.links.find((l) => l.Rel === 'Related')?.Href.replace(sim.url, '') ?? '';

  it('answers 202 with a Running task that finishes on the clock and links the session it started', async () => {
    const job = backupJob(0);
    const started = await call(sim, 'POST', `jobs/${job.guid}?action=start`, token);
    expect(started.status).toBe(202);
    const running = taskOf(started.xml);
    expect(running).toMatchObject({ state: 'Running', operation: 'StartJob' });
    expect(running.success).toBeUndefined();
    expect(running.links.map((l) => l.Rel)).toEqual(['Delete']);

    expect(taskOf((await call(sim, 'GET', `tasks/${running.id}`, token)).xml).state).toBe('Running');
    sim.clock.advance(1_000);
    const finished = taskOf((await call(sim, 'GET', `tasks/${running.id}`, token)).xml);
    expect(finished).toMatchObject({ state: 'Finished', success: 'true' });
    expect(finished.message).toBe(`Job "${job.name}" triggered to start.`);
    const session = await call(sim, 'GET', relatedOf(finished), token);
    expect(session.status).toBe(200);
    expect(rootOf(session.xml, 'BackupJobSession').State).toBe('Working');

    sim.clock.advance(4_000);
    const done = rootOf((await call(sim, 'GET', relatedOf(finished), token)).xml, 'BackupJobSession');
    expect(done).toMatchObject({ State: 'Stopped', Result: 'Success', JobName: job.name });
    const query = await call(
      sim,
      'GET',
      `query?type=BackupJobSession&filter=JobName=="${encodeURIComponent(job.name)}"&sortDesc=CreationTime&pageSize=1&format=Entities`,
      token,
    );
    expect(query.text).toContain(String(done.UID));
    const tasks = await call(
      sim,
      'GET',
      `${relatedOf(finished).split('?')[0]}/taskSessions?format=Entity`,
      token,
    );
    expect(tasks.text.match(/<BackupTaskSession /g)?.length).toBe((await vmNames(job)).length);
  });

  it('runs a retry over the VMs that failed last time only', async () => {
    const job = backupJob(1);
    const vms = await vmNames(job);
    expect(vms.length).toBeGreaterThan(1);
    sim.createSession({
      type: 'BackupJobSession',
      jobName: job.name,
      state: 'Stopped',
      result: 'Failed',
      tasks: vms.map((vmName, i) => ({ vmName, result: i === 0 ? 'Failed' : 'Success' })),
    });
    const retried = taskOf((await call(sim, 'POST', `jobs/${job.guid}?action=retry`, token)).xml);
    expect(retried.operation).toBe('RetryJob');
    sim.clock.advance(5_000);
    const finished = taskOf((await call(sim, 'GET', `tasks/${retried.id}`, token)).xml);
    const session = rootOf((await call(sim, 'GET', relatedOf(finished), token)).xml, 'BackupJobSession');
    expect(session).toMatchObject({ IsRetry: 'true', Result: 'Success', State: 'Stopped' });
    const tasks = await call(
      sim,
      'GET',
      `${relatedOf(finished).split('?')[0]}/taskSessions?format=Entity`,
      token,
    );
    const names = [...tasks.text.matchAll(/VmDisplayName="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual([vms[0]]);
  });

  it('writes Task in the shape of the examples, in XML and JSON', async () => {
    const job = backupJob(2);
    const started = await call(sim, 'POST', `jobs/${job.guid}?action=start`, token);
    expect(shapeOfXml(started.text)).toEqual(fixtureShape('task-running.xml'));
    sim.clock.advance(1_000);
    const json = await call(sim, 'GET', `tasks/${taskOf(started.xml).id}`, token, 'application/json');
    const body = JSON.parse(json.text) as Record<string, unknown>;
    expect(body).toMatchObject({ TaskId: taskOf(started.xml).id, State: 'Finished', Operation: 'StartJob' });
    expect(body.Result).toMatchObject({ Success: true });
    expect(JSON.stringify(body.Links)).toContain('BackupJobSession');
    sim.clock.advance(4_000);
  });

  it('lists tasks, queries them under Resources and deletes them', async () => {
    const job = backupJob(3);
    const id = taskOf((await call(sim, 'POST', `jobs/${job.guid}?action=start`, token)).xml).id;
    const list = await call(sim, 'GET', 'tasks', token);
    expect(list.text).toContain(`<TaskId>${id}</TaskId>`);
    const running = await call(sim, 'GET', 'query?type=Task&filter=State==Running', token);
    expect(running.status).toBe(200);
    expect(running.text).toMatch(/<Resources>\s*<Tasks>/);
    expect(running.text).toContain(`<TaskId>${id}</TaskId>`);
    sim.clock.advance(5_000);
    const stillRunning = await call(sim, 'GET', 'query?type=Task&filter=State==Running', token);
    expect(stillRunning.text).not.toContain(`<TaskId>${id}</TaskId>`);
    expect((await call(sim, 'DELETE', `tasks/${id}`, token)).status).toBe(204);
    expect((await call(sim, 'GET', `tasks/${id}`, token)).status).toBe(404);
    expect((await call(sim, 'GET', 'tasks', token)).text).not.toContain(`<TaskId>${id}</TaskId>`);
  });

  it('offers Sync instead of Start and Retry on backup copy jobs, and only the linked actions work', async () => {
    const copy = jobs.find((j) => j.jobType === 'BackupCopy') as Target;
    const entity = (await call(sim, 'GET', `jobs/${copy.guid}?format=Entity`, token)).text;
    expect(entity).toContain(`?action=sync`);
    expect(entity).not.toContain('?action=start"');
    expect(entity).not.toContain('?action=retry"');
    expect((await call(sim, 'GET', `jobs/${backupJob(0).guid}?format=Entity`, token)).text).toMatch(
      /Rel="Start"[^>]*\?action=start"[\s\S]*Rel="Stop"[\s\S]*Rel="Retry"/,
    );
    expect((await call(sim, 'POST', `jobs/${copy.guid}?action=start`, token)).status).toBe(400);
    const sync = await call(sim, 'POST', `jobs/${copy.guid}?action=sync`, token);
    expect(sync.status).toBe(202);
    expect(taskOf(sync.xml).operation).toBe('StartJobSync');
    sim.clock.advance(5_000);
  });

  it('starts and tests cloud failover plans; the task links the failover session', async () => {
    const [plan] = await targets(sim, token, 'cloud/cloudFailoverPlans', 'CloudFailoverPlan');
    const started = await call(sim, 'POST', `cloud/cloudFailoverPlans/${plan?.guid}?action=test`, token);
    expect(started.status).toBe(202);
    sim.clock.advance(1_000);
    const task = taskOf((await call(sim, 'GET', `tasks/${taskOf(started.xml).id}`, token)).xml);
    expect(task).toMatchObject({ operation: 'StartCloudFailoverPlan', success: 'true', message: 'Ok' });
    const related = task.links.find((l) => l.Rel === 'Related');
    expect(related).toMatchObject({ Type: 'CloudFailoverSession', Name: plan?.name });
    sim.clock.advance(4_000);
    const session = await call(sim, 'GET', relatedOf(task), token);
    expect(rootOf(session.xml, 'CloudFailoverSession').State).toBe('Stopped');
  });
});

describe('simulator job actions with the live scenario', () => {
  let sim: RunningSimulator;
  afterAll(async () => {
    await sim.stop();
  });

  it('runs the started session alongside the live sessions, with a restore point when it succeeds', async () => {
    sim = await startTestSim({ live: true });
    const token = await logonAs(sim, 'operator');
    const job = (await targets(sim, token, 'jobs', 'Job')).find((j) => j.jobType === 'Backup') as Target;
    const id = taskOf((await call(sim, 'POST', `jobs/${job.guid}?action=start`, token)).xml).id;
    sim.clock.advance(5_000);
    const task = taskOf((await call(sim, 'GET', `tasks/${id}`, token)).xml);
    const href = task.links.find((l) => l.Rel === 'Related')?.Href.replace(sim.url, '') ?? '';
    const session = await call(sim, 'GET', href, token);
    expect(rootOf(session.xml, 'BackupJobSession')).toMatchObject({ State: 'Stopped', Result: 'Success' });
    expect(session.text).toContain('Type="RestorePointReference"');
    const ended = await call(
      sim,
      'GET',
      'query?type=BackupJobSession&filter=EndTime>="2025-11-20T12:00:01Z";Result==Success&pageSize=1000',
      token,
    );
    expect(ended.text).toContain(String(rootOf(session.xml, 'BackupJobSession').UID));
  });
});
