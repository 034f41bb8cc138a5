import type { EmClient } from '../../../src/em/client.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { WATCHABLE_KINDS } from '../../../src/config/schema.js';
import { countProblems } from '../../../src/watcher/fetch-subjects.js';
import { pointsSince } from '../../../src/watcher/protection-read.js';
import { simClient } from '../../helpers/sim-client.js';
import { MINUTE } from '../../helpers/time.js';
import { startTestSim } from './sim-helpers.js';

const HOUR = 60 * MINUTE;

/** The demo's simulator (seed 42, history 2,000, live) on a manual clock. */
let sim: RunningSimulator;
let client: EmClient;

beforeAll(async () => {
  sim = await startTestSim({ history: 2000, live: true });
  client = simClient(sim);
});

afterAll(async () => {
  await client.close();
  await sim.stop();
});

/** Steps the scenario clock a second at a time, as the demo's live ticker does. */
function step(ms: number): void {
  for (let done = 0; done < ms; done += 1000) sim.clock.advance(1000);
}

/** Bytes the simulator served for one read. */
async function bytesOf(read: () => Promise<unknown>): Promise<number> {
  sim.resetStats();
  await read();
  return sim.stats().bytes.total;
}

describe('the live demo scenario as the watcher reads it', () => {
  it('keeps EM counts of a past stretch of the look-back and the protection read flat over an hour', async () => {
    step(10 * MINUTE);
    const at10 = sim.clock.now();
    const stretch = { since: new Date(at10 - HOUR), until: new Date(at10 - 5 * MINUTE) };
    const counted = await Promise.all(WATCHABLE_KINDS.map((kind) => countProblems(client, kind, stretch)));
    const pointsAt10 = await bytesOf(() => pointsSince(client, new Date(at10 - 36 * HOUR)));

    step(50 * MINUTE);
    const at60 = sim.clock.now();
    const recounted = await Promise.all(WATCHABLE_KINDS.map((kind) => countProblems(client, kind, stretch)));
    const pointsAt60 = await bytesOf(() => pointsSince(client, new Date(at60 - 36 * HOUR)));

    // A session gone from inside the window would make every poll read the whole window again.
    expect(counted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(recounted).toEqual(counted);
    // The protection check reads the points of the window: the live runs' points stay bounded.
    expect(pointsAt60).toBeLessThanOrEqual(pointsAt10 * 1.2);
  });
});
