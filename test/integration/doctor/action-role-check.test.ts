import { checkActionRole } from '../../../src/doctor/action-role-check.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';

/** The doctor's JOB_ACTIONS check against the simulator, logged on with each role; it never runs an action. */
describe('doctor: job actions role', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startManualSimulator({ history: 50 });
  });
  afterAll(async () => {
    await sim.stop();
  });
  afterEach(() => sim.clearFaults());

  async function checkAs(account?: { username: string; password: string }) {
    const client = simClient(sim, account ?? {});
    try {
      return await checkActionRole(client);
    } finally {
      await client.close();
    }
  }

  it('passes for the Portal Administrator, naming a job and the actions it offers', async () => {
    const result = await checkAs({ username: 'operator', password: 'operator' });
    expect(result).toMatchObject({ name: 'Job actions role', status: 'pass' });
    expect(result.detail).toMatch(/".+" offers (start|stop|retry)/);
    expect(sim.actions()).toEqual([]);
  });

  it('fails for a Portal User (jobs read without action links) and names the role to grant', async () => {
    const result = await checkAs();
    expect(result.status).toBe('fail');
    expect(result.detail).toMatch(/without Start, Stop or Retry links/);
    expect(result.fix).toMatch(/Portal Administrator role/);
    expect(sim.actions()).toEqual([]);
  });

  it('fails with the same fix when EM refuses to show the jobs at all (403)', async () => {
    sim.setFaults({ status: 403, paths: '/api/query' });
    const result = await checkAs({ username: 'operator', password: 'operator' });
    expect(result.status).toBe('fail');
    expect(result.detail).toMatch(/refused to show this account its jobs \(403\)/);
    expect(result.fix).toMatch(/Portal Administrator role/);
  });
});
