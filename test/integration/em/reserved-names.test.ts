import fc from 'fast-check';
import { createCatalog } from '../../../src/commands/catalog.js';
import type { EmClient } from '../../../src/em/client.js';
import { latestSessionsOf, latestTaskSessionsOfVm } from '../../../src/em/lookups.js';
import { ownersNamed } from '../../../src/em/owners.js';
import { createManualClock } from '../../../src/shared/clock.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';
import { START } from '../../helpers/time.js';

let sim: RunningSimulator;
let client: EmClient;

beforeAll(async () => {
  sim = await startManualSimulator({ history: 200 });
  client = simClient(sim);
});
afterAll(async () => {
  await client.close();
  await sim.stop();
});

function fail(jobName: string, vmName: string): void {
  sim.createSession({
    type: 'BackupJobSession',
    jobName,
    state: 'Stopped',
    result: 'Failed',
    tasks: [{ vmName, result: 'Failed', reason: 'x' }],
  });
}

describe('names with , ; ( ) against the simulator', () => {
  it('finds a VM named "Smith, John (Laptop)" and not its neighbour', async () => {
    fail('Laptops', 'Smith, John (Laptop)');
    fail('Laptops', 'Smith, Jane (Laptop)');
    const tasks = await latestTaskSessionsOfVm(client, 'Smith, John (Laptop)', 5);
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((task) => task.vmName))).toEqual(new Set(['Smith, John (Laptop)']));
  });

  it('finds a job with such a name created after the catalog was loaded', async () => {
    const catalog = createCatalog({ client, clock: createManualClock(START) });
    await catalog.entries();
    fail('Finance; daily (copy), v2', 'fin-01');
    const found = await catalog.find('finance; DAILY (copy), v2', ['job']);
    expect(found.map((entry) => entry.name)).toEqual(['Finance; daily (copy), v2']);
    const sessions = await latestSessionsOf(
      client,
      'BackupJobSession',
      { name: 'Finance; daily (copy), v2' },
      5,
    );
    expect(sessions.map((session) => session.jobName)).toEqual(['Finance; daily (copy), v2']);
  });

  it('finds every generated name with reserved characters, end to end', async () => {
    const names = fc.sample(
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 -]{0,8}$/), fc.constantFrom(',', ';', '(', ')'))
        .chain(([head, special]) =>
          fc.stringMatching(/^[A-Za-z0-9 ,;()]{0,8}$/).map((tail) => `${head}${special}${tail}`.trim()),
        ),
      { numRuns: 25, seed: 13 },
    );
    const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
    unique.forEach((name) => fail(`Job ${name}`, `vm ${name}`));
    for (const name of unique) {
      const owners = await ownersNamed(client, 'Job', `Job ${name}`);
      expect(owners.map((owner) => owner.name)).toEqual([`Job ${name}`]);
      const tasks = await latestTaskSessionsOfVm(client, `vm ${name}`, 3);
      expect(tasks.map((task) => task.vmName.toLowerCase())).toContain(`vm ${name}`.toLowerCase());
    }
  });
});
