import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { addJob, jobActionRig } from '../../helpers/job-action-rig.js';

const CHANNEL = 'COPS';
const jobActions = {
  operators: ['U1'],
  emUser: 'operator',
  followLimits: { intervalMs: 2_000, maxWaitMs: 600_000 },
};

/** The used confirmation is remembered in the state file: a restarted bot refuses its replay. */
describe('a confirmation replayed after a restart (lowdb state file)', () => {
  let dir: string;
  const bots: BotHarness[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-'));
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reaches EM zero times and says the confirmation was already used', async () => {
    const file = join(dir, 'state.json');
    const first = await startBotHarness({}, 5000, { store: createLowdbAlertStore(file), jobActions });
    bots.push(first);
    await addJob(first, 'Restarted Job');
    const rig = jobActionRig(first, CHANNEL);
    await rig.click('start|Restarted Job', 'U1');
    const token = rig.lastToken();
    expect((await rig.submit(token, 'U1')).status).toBe(200);
    await rig.runUntil(() => rig.lines().some((t) => t.includes('the start of *Restarted Job* finished')));
    expect(first.sim.actions()).toHaveLength(1);
    expect(first.watcher.state().jobActions?.inProgress).toEqual({});

    const restarted = await startBotHarness({}, 5000, { store: createLowdbAlertStore(file), jobActions });
    bots.push(restarted);
    const replay = await jobActionRig(restarted, CHANNEL).submit(token, 'U1');

    expect(replay.body).toContain('already used');
    expect(first.sim.actions()).toHaveLength(1);
    expect(restarted.sim.actions()).toEqual([]);
  });
});
