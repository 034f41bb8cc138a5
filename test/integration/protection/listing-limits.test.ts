import type { EmClient } from '../../../src/em/client.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { readProtection } from '../../../src/watcher/protection-read.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';
import { START } from '../../helpers/time.js';

let sim: RunningSimulator;
let client: EmClient;

beforeAll(async () => {
  sim = await startManualSimulator();
  client = simClient(sim);
});
afterAll(async () => {
  await client.close();
  await sim.stop();
});

const read = (limits?: { jobs: number; repositories: number }) =>
  readProtection(client, {
    since: new Date(START - 3_600_000),
    missedBefore: 0,
    isWatched: () => true,
    policies: false,
    openMissed: new Map(),
    ...(limits ? { limits } : {}),
  });

/** A listing cut at its limit cannot show that a job or repository is gone (protection-assess-gone.ts). */
describe('the protection check’s listings against their limits', () => {
  it('says a listing is whole only when it stopped short of its limit', async () => {
    const whole = await read();
    const jobs = whole.jobs.length;
    const repositories = whole.repositories.length;
    expect(jobs).toBeGreaterThan(2);
    expect(repositories).toBeGreaterThan(1);
    expect(whole.listedAll).toEqual({ jobs: true, repositories: true });

    const cut = await read({ jobs: 2, repositories: 1 });
    expect(cut.jobs).toHaveLength(2);
    expect(cut.repositories).toHaveLength(1);
    expect(cut.listedAll).toEqual({ jobs: false, repositories: false });

    // Exactly at the limit EM may hold more: still not whole. One more, and it is.
    expect((await read({ jobs, repositories })).listedAll).toEqual({ jobs: false, repositories: false });
    expect((await read({ jobs: jobs + 1, repositories: repositories + 1 })).listedAll).toEqual({
      jobs: true,
      repositories: true,
    });
  });
});
