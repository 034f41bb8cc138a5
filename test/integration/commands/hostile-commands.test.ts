import { startCommandRig, type CommandRig } from '../../helpers/command-rig.js';
import fc from 'fast-check';
import { SUBCOMMANDS } from '../../../src/commands/parse-command.js';
import { runCommand } from '../../../src/commands/run-command.js';
import type { CommandDeps } from '../../../src/commands/types.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { expectWithinLimits, mrkdwnTexts } from '../../unit/views/block-queries.js';

describe('hostile /veeam text (property-based, against the simulator)', () => {
  let rig: CommandRig;
  let sim: RunningSimulator;
  let deps: CommandDeps;

  beforeAll(async () => {
    rig = await startCommandRig(200, { cachedCatalog: true });
    ({ sim, deps } = rig);
  });
  afterAll(() => rig.stop());

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
