import type { EmClient } from '../../../src/em/client.js';
import { jobsNamed } from '../../../src/em/estate.js';
import type { Job } from '../../../src/em/estate-types.js';
import { JobActionError, retryJob, startJob, waitForTask } from '../../../src/em/job-actions.js';
import type { SimulatorOptions } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';

/** The client's job actions against the simulator's: tasks, sessions, roles and both ways EM may refuse. */
async function rig(options: SimulatorOptions = {}) {
  const sim = await startManualSimulator({ history: 200, ...options });
  const operator = simClient(sim, { username: 'operator', password: 'operator' });
  const demo = simClient(sim);
  // The task finishes on the simulator's clock: each wait steps it instead of sleeping.
  const wait = (client: EmClient, href: string) =>
    waitForTask(client, href, {
      timeoutMs: 60_000,
      clock: sim.clock,
      sleep: async (ms) => sim.clock.advance(ms),
    });
  const job = async (name: string, lastResult = 'Success'): Promise<Job> => {
    const res = await fetch(`${sim.origin}/_sim/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, everyMinutes: 1440, lastRunMinutesAgo: 30, lastResult }),
    });
    expect(res.status).toBe(201);
    const [found] = await jobsNamed(operator, name);
    if (!found) throw new Error(`job ${name} not found`);
    return found;
  };
  const stop = async () => {
    await operator.close();
    await demo.close();
    await sim.stop();
  };
  return { sim, operator, demo, wait, job, stop };
}

describe('job actions against the simulator', () => {
  it('starts a job as operator, follows the task to the session it created, and logs one action', async () => {
    const r = await rig();
    try {
      const job = await r.job('Nightly SQL');
      const task = await startJob(r.operator, job);
      const outcome = await r.wait(r.operator, task.href);
      expect(outcome.success).toBe(true);
      expect(outcome.sessionHref).toMatch(/\/backupSessions\//);
      const session = await r.operator.get(outcome.sessionHref ?? '');
      expect(session.kind === 'session' && session.session.jobName).toBe('Nightly SQL');
      expect(r.sim.actions()).toEqual([
        expect.objectContaining({ job: 'Nightly SQL', action: 'start', user: 'operator', status: 202 }),
      ]);
    } finally {
      await r.stop();
    }
  });

  it('refuses the Portal User account with a forbidden error, and EM runs nothing', async () => {
    const r = await rig();
    try {
      const job = await r.job('Nightly SQL');
      const refused = await startJob(r.demo, job).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(JobActionError);
      expect(refused).toMatchObject({ reason: 'forbidden' });
      expect(r.sim.actions()).toEqual([
        expect.objectContaining({ job: 'Nightly SQL', user: 'demo', status: 403 }),
      ]);
      expect(r.sim.actions()[0]?.taskId).toBeUndefined();
    } finally {
      await r.stop();
    }
  });

  it('reports a retry of a successful job as refused with EM’s message, when EM answers with a failing task', async () => {
    const r = await rig({ refuseActionsWith: 'task' });
    try {
      const job = await r.job('Healthy Job', 'Success');
      const task = await retryJob(r.operator, job);
      const outcome = await r.wait(r.operator, task.href);
      expect(outcome.success).toBe(false);
      expect(outcome.message).toBeTruthy();
      expect(outcome.sessionHref).toBeUndefined();
    } finally {
      await r.stop();
    }
  });

  it('reports the same retry as a refused JobActionError with EM’s message, when EM answers with an HTTP error', async () => {
    const r = await rig({ refuseActionsWith: 'http' });
    try {
      const job = await r.job('Healthy Job', 'Success');
      const refused = await retryJob(r.operator, job).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(JobActionError);
      expect(refused).toMatchObject({ reason: 'refused' });
      expect((refused as JobActionError).emMessage).toBeTruthy();
      expect(r.sim.actions()).toHaveLength(1);
    } finally {
      await r.stop();
    }
  });
});
