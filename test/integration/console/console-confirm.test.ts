import { PassThrough } from 'node:stream';
import { createCatalog } from '../../../src/commands/catalog.js';
import type { CommandDeps } from '../../../src/commands/types.js';
import { createConsoleChat } from '../../../src/console/console-chat.js';
import { createConsoleJobActions } from '../../../src/console/console-confirm.js';
import { createConsolePrinter } from '../../../src/console/console-printer.js';
import { runConsolePrompt } from '../../../src/console/console-prompt.js';
import type { EmClient } from '../../../src/em/client.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { localStateStore } from '../../../src/store/state-store.js';
import { createTokenSpend } from '../../../src/store/token-spend.js';
import { createMemoryAlertStore } from '../../../src/watcher/alert-store.js';
import { createStateActionLedger } from '../../../src/store/state-action-ledger.js';
import { emptyState } from '../../../src/watcher/state.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';
import { createSteppedSleep } from '../../helpers/stepped-sleep.js';
import { START } from '../../helpers/time.js';
import { waitUntil } from '../../helpers/wait.js';

const JOB = 'Nightly SQL';

/**
 * The console prompt over the simulator (logged on as its Portal Administrator): a job action button clicked by
 * number asks y/N, and only `y` reaches EM, through the same token checks as a Slack submission.
 */
describe('console job actions: the y/N prompt', () => {
  let sim: RunningSimulator;
  let client: EmClient;
  let input: PassThrough;
  let out: string;
  let done: Promise<void>;
  const clock = createManualClock(START);
  const stepped = createSteppedSleep(clock);

  beforeEach(async () => {
    sim = await startManualSimulator({ history: 50 });
    sim.createSession({ type: 'BackupJobSession', jobName: JOB, state: 'Stopped', result: 'Failed' });
    client = simClient(sim, { username: 'operator', password: 'operator' });
    out = '';
    const state = emptyState();
    const printer = createConsolePrinter({ write: (text) => (out += text), color: false });
    const deps: CommandDeps = {
      client,
      catalog: createCatalog({ client, clock, ttlMs: 0 }),
      clock,
      logger: silentLogger,
      jobActions: createConsoleJobActions({
        signingKey: 'test-key',
        clock,
        logger: silentLogger,
        ledger: createStateActionLedger({ state: () => state, persist: async () => undefined }),
        spendToken: createTokenSpend(localStateStore(createMemoryAlertStore()), {
          state: () => state,
          persist: async () => undefined,
        }),
        sleep: stepped.sleep,
      }),
    };
    const chat = createConsoleChat(printer, () => clock.now());
    input = new PassThrough();
    const follow = { follow: async () => undefined };
    done = runConsolePrompt({ input, printer, deps, chat, follow, prompt: false });
  });
  afterEach(async () => {
    input.end();
    await done;
    await client.close();
    await sim.stop();
  });

  /** Types a line; resolves with what was printed after it once `until` shows up there. */
  async function type(line: string, until: RegExp): Promise<string> {
    const before = out.length;
    input.write(`${line}\n`);
    await waitUntil(() => until.test(out.slice(before)), {
      timeoutMs: 10_000,
      what: () => `${until} after "${line}":\n${out.slice(before)}`,
    });
    return out.slice(before);
  }

  async function clickStart(): Promise<string> {
    const status = await type(`/veeam status ${JOB}`, /\[\d+\] Start/);
    const number = /\[(\d+)\] Start/.exec(status)?.[1] ?? '';
    return type(number, /\[y\/N\]/);
  }

  it('prints what the modal would say, and an answer other than y does nothing', async () => {
    const asked = await clickStart();
    expect(asked).toMatch(/Start Nightly SQL\?/);
    expect(asked).toMatch(/Backup server: \S+/);
    expect(asked).toMatch(/will start a new run of the job now/);
    await type('', /Cancelled: nothing was done/);
    await clickStart();
    await type('sure', /Cancelled: nothing was done/);
    expect(sim.actions()).toEqual([]);
  });

  it('on y starts the job once and prints the thread lines; the next line is a command again', async () => {
    await clickStart();
    await type('y', /start of Nightly SQL requested by console/);
    await waitUntil(() => sim.actions().length > 0 && stepped.waiting() > 0, { timeoutMs: 10_000 });
    expect(sim.actions()).toEqual([expect.objectContaining({ job: JOB, action: 'start', status: 202 })]);
    // The simulator finishes the task a second later on its clock; the bot's next look at it comes after a step.
    sim.clock.advance(2_000);
    stepped.advance(5_000);
    await waitUntil(() => /accepted the start \(task task-\d+\)/.test(out), { timeoutMs: 10_000 });
    await type('y', /Unknown subcommand "y"/);
    expect(sim.actions()).toHaveLength(1);
  });

  it('runs the same checks as a Slack submission: an answer after the token expired reaches EM zero times', async () => {
    await clickStart();
    clock.advance(5 * 60_000 + 1);
    await type('yes', /expired \(5 minutes\); nothing was done/);
    expect(sim.actions()).toEqual([]);
  });
});
