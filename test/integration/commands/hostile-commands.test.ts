import { simClient } from '../../helpers/sim-client.js';
import fc from 'fast-check';
import { createCatalog } from '../../../src/commands/catalog.js';
import { SUBCOMMANDS } from '../../../src/commands/parse-command.js';
import { runCommand } from '../../../src/commands/run-command.js';
import type { CommandDeps } from '../../../src/commands/types.js';
import { type EmClient } from '../../../src/em/client.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { expectWithinLimits, mrkdwnTexts } from '../../unit/views/block-queries.js';

import { START } from '../../helpers/time.js';

describe('hostile /veeam text (property-based, against the simulator)', () => {
  let sim: RunningSimulator;
  let client: EmClient;
  let deps: CommandDeps;

  beforeAll(async () => {
    sim = await startSimulator({ history: 200, live: false, clock: { manual: true, startTime: START } });
    client = simClient(sim);
    const clock = createManualClock(START);
    deps = { client, catalog: createCatalog({ client, clock }), clock, logger: silentLogger };
  });
  afterAll(async () => {
    await client.close();
    await sim.stop();
  });

  it('never throws, always answers within Block Kit limits, never pings, never sends EM a broken filter', async () => {
    sim.resetStats();
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 600 }),
      // eslint-disable-next-line no-control-regex
      fc.stringMatching(/^[;,()"=<>!&|* \u0000-\u001f]{0,40}$/),
      fc.constantFrom(
        '<!channel>',
        '<!here|here>',
        '<@U123>',
        '<https://evil.example|click>',
        '"',
        '""',
        '(',
        'a;b',
        'x==y',
        'a,b',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SUBCOMMANDS, ''), text, async (subcommand, rest) => {
        const reply = await runCommand(`${subcommand} ${rest}`, { userId: 'U1', channelId: 'C1' }, deps);
        expect(reply.text.length).toBeGreaterThan(0);
        expectWithinLimits(reply);
        for (const mrkdwn of mrkdwnTexts(reply)) expect(mrkdwn).not.toMatch(/<(?!!date\^)[!@#]|<https?:/); // our own <!date^...> is the only markup
      }),
      { numRuns: 300 },
    );
    // A 400 would mean user text reached EM in a form its filter grammar could not take.
    expect(sim.stats().requests.byStatus['400'] ?? 0).toBe(0);
    expect(sim.stats().requests.byStatus['500'] ?? 0).toBe(0);
  });
});
