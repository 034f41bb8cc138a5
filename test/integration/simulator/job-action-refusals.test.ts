import type { RunningSimulator, SimulatorOptions } from '../../../src/simulator/index.js';
import { control, startTestSim } from './sim-helpers.js';
import { call, logonAs, targets, taskOf, type Target } from './action-helpers.js';

/** The three refusals: retry after a success, start while running, stop while stopped. */
async function refusals(
  sim: RunningSimulator,
  token: string,
  job: Target,
): Promise<Awaited<ReturnType<typeof call>>[]> {
  sim.createSession({ type: 'BackupJobSession', jobName: job.name, state: 'Stopped', result: 'Success' });
  const retry = await call(sim, 'POST', `jobs/${job.guid}?action=retry`, token);
  const stop = await call(sim, 'POST', `jobs/${job.guid}?action=stop`, token);
  expect((await call(sim, 'POST', `jobs/${job.guid}?action=start`, token)).status).toBe(202);
  const start = await call(sim, 'POST', `jobs/${job.guid}?action=start`, token);
  return [retry, stop, start];
}

describe('simulator job action refusals, roles and the actions log', () => {
  let sim: RunningSimulator;
  afterEach(async () => {
    await sim.stop();
  });

  async function setUp(options: SimulatorOptions = {}): Promise<{ token: string; job: Target }> {
    sim = await startTestSim(options);
    const token = await logonAs(sim, 'operator');
    const job = (await targets(sim, token, 'jobs', 'Job')).find((j) => j.jobType === 'Backup') as Target;
    return { token, job };
  }

  it('answers refusals with a 202 task that finishes unsuccessful by default', async () => {
    const { token, job } = await setUp();
    const answers = await refusals(sim, token, job);
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    sim.clock.advance(1_000);
    const tasks = await Promise.all(
      answers.map(async (a) => taskOf((await call(sim, 'GET', `tasks/${taskOf(a.xml).id}`, token)).xml)),
    );
    expect(tasks.map((t) => [t.operation, t.state, t.success])).toEqual([
      ['RetryJob', 'Finished', 'false'],
      ['StopJob', 'Finished', 'false'],
      ['StartJob', 'Finished', 'false'],
    ]);
    expect(tasks.map((t) => t.message)).toEqual([
      `Job "${job.name}" cannot be retried: its last session did not fail.`,
      `Job "${job.name}" is not running.`,
      `Job "${job.name}" is already running.`,
    ]);
    expect(tasks.every((t) => !t.links.some((l) => l.Rel === 'Related'))).toBe(true);
  });

  it('answers refusals with a 400 Error when started with refuseActionsWith http', async () => {
    const { token, job } = await setUp({ refuseActionsWith: 'http' });
    const answers = await refusals(sim, token, job);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    for (const answer of answers) expect(answer.text).toMatch(/<Error [^>]*StatusCode="400"/);
    expect(answers[2]?.text).toContain(`is already running.`);
  });

  it('refuses actions to a Portal User with 403 and lets the operator run them', async () => {
    const { token, job } = await setUp();
    const demo = await logonAs(sim, 'demo');
    const denied = await call(sim, 'POST', `jobs/${job.guid}?action=start`, demo);
    expect(denied.status).toBe(403);
    expect(denied.text).toMatch(/<Error [^>]*StatusCode="403"/);
    const deniedJson = await call(sim, 'POST', `jobs/${job.guid}?action=start`, demo, 'application/json');
    expect(JSON.parse(deniedJson.text)).toMatchObject({ StatusCode: 403 });
    expect((await call(sim, 'GET', `jobs/${job.guid}?format=Entity`, demo)).status).toBe(200);
    expect((await call(sim, 'POST', `jobs/${job.guid}?action=start`, token)).status).toBe(202);
  });

  it('shows action links on jobs and plans only to a role that may act', async () => {
    const { token, job } = await setUp();
    const demo = await logonAs(sim, 'demo');
    const plan = (await targets(sim, token, 'cloud/cloudFailoverPlans', 'CloudFailoverPlan'))[0] as Target;
    const entity = (path: string, as: string) => call(sim, 'GET', `${path}?format=Entity`, as);
    for (const path of [`jobs/${job.guid}`, `cloud/cloudFailoverPlans/${plan.guid}`]) {
      const asUser = await entity(path, demo);
      expect(asUser.status).toBe(200);
      expect(asUser.text).not.toMatch(/\?action=(start|stop|retry|sync|test|undo)"/);
      expect((await entity(path, token)).text).toMatch(/Rel="Start"[^>]*\?action=start"/);
    }
    const query = await call(sim, 'GET', 'query?type=Job&format=Entities&pageSize=5', demo);
    expect(query.text).toContain('<Job ');
    expect(query.text).not.toContain('?action=start"');
  });

  it('logs every action in /_sim/actions, refused ones included, and counts the routes in stats', async () => {
    const { token, job } = await setUp();
    const demo = await logonAs(sim, 'demo');
    await call(sim, 'POST', `jobs/${job.guid}?action=start`, demo);
    const started = taskOf((await call(sim, 'POST', `jobs/${job.guid}?action=start`, token)).xml);
    sim.clock.advance(2_000);
    await call(sim, 'POST', `jobs/${job.guid}?action=stop`, token);
    await call(sim, 'POST', `jobs/${job.guid}?action=stop`, token);
    await call(sim, 'GET', `tasks/${started.id}`, token);
    const res = await fetch(`${sim.origin}/_sim/actions`);
    const log = (await res.json()) as Record<string, unknown>[];
    expect(log.map((r) => [r.user, r.action, r.status, r.refused ?? false])).toEqual([
      ['demo', 'start', 403, true],
      ['operator', 'start', 202, false],
      ['operator', 'stop', 202, false],
      ['operator', 'stop', 202, true],
    ]);
    expect(log[1]).toEqual({
      job: job.name,
      action: 'start',
      user: 'operator',
      at: '2025-11-20T12:00:00Z',
      status: 202,
      taskId: started.id,
    });
    expect(log[3]?.taskId).toBeUndefined();
    expect(log[0]?.taskId).toBeUndefined();
    expect(sim.actions()).toEqual(log);
    const stats = (await control(sim, 'GET', 'stats')).json as {
      requests: { byRoute: Record<string, number> };
    };
    expect(stats.requests.byRoute['POST /api/jobs/{id}']).toBe(4);
    expect(stats.requests.byRoute['GET /api/tasks/{id}']).toBe(1);
    await control(sim, 'POST', 'reset');
    expect(sim.actions()).toEqual([]);
  });

  it('stops a running session: it ends Failed and the task links it', async () => {
    const { token, job } = await setUp();
    await call(sim, 'POST', `jobs/${job.guid}?action=start`, token);
    sim.clock.advance(1_500);
    const stop = taskOf((await call(sim, 'POST', `jobs/${job.guid}?action=stop`, token)).xml);
    sim.clock.advance(1_000);
    const task = taskOf((await call(sim, 'GET', `tasks/${stop.id}`, token)).xml);
    expect(task).toMatchObject({ operation: 'StopJob', success: 'true' });
    const href = task.links.find((l) => l.Rel === 'Related')?.Href.replace(sim.url, '') ?? '';
    const session = await call(sim, 'GET', href, token);
    expect(session.text).toContain('<State>Stopped</State>');
    expect(session.text).toContain('<Result>Failed</Result>');
  });
});
