import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertStore } from '../../../src/watcher/alert-store.js';
import { failoverKey } from '../../../src/watcher/failovers.js';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { claimClicks, type Posted } from '../../helpers/claim-clicks.js';
import { blockById, blocksOf, textOf } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

describe('Claim on a failover announcement, through Bolt’s receiver', () => {
  let h: BotHarness;
  let store: AlertStore;
  let dir: string;
  let c: ReturnType<typeof claimClicks>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claim-failover-'));
    store = createLowdbAlertStore(join(dir, 'state.json'));
    h = await startBotHarness({}, 5000, { watcher: { kinds: ['failover'] }, store });
    c = claimClicks(h, ALERTS);
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const poll = async () => {
    h.sim.clock.advance(MINUTE);
    h.clock.advance(MINUTE);
    await h.watcher.runOnce();
  };
  const alice = { userId: 'U2', userName: 'alice' };
  const bob = { userId: 'U3', userName: 'bob' };

  it('claims in place, offers Take over, survives a restart, stays through live updates and clears at Success', async () => {
    const failover = h.sim.createSession({
      type: 'CloudFailoverSession',
      jobName: 'DR Claimed',
      state: 'Working',
      progress: 0,
      tasks: [{ vmName: 'apache02', state: 'Working', progress: 10 }],
    });
    await poll();
    const key = failoverKey(failover.uid, ALERTS);
    const announcement = (): Posted | undefined =>
      h.slack.messages.find((m) => m.channel === ALERTS && !m.thread_ts && m.text.includes('DR Claimed'));
    const claim = c.claimButton(announcement());
    expect(claim?.['value']).toBe(key);
    expect(c.snoozeButton(announcement())).toBeUndefined();

    await c.click(claim, alice, announcement()?.ts);
    await c.claimShows(announcement, 'alice');
    expect(textOf(blockById(announcement(), 'claim'))).toContain('claimed by *alice*');
    expect(textOf(blockById(announcement(), 'claim'))).not.toContain('<@');

    const answer = await c.answerTo(await c.click(c.claimButton(announcement()), bob, announcement()?.ts));
    expect(textOf(blockById(answer, 'claimed'))).toContain('alice');
    const takeOver = c.takeOverButton(answer);
    expect(takeOver?.['value']).toBe(key);

    const restarted = await createLowdbAlertStore(join(dir, 'state.json')).load();
    expect(restarted.failovers[key]?.claim).toMatchObject({ by: 'U2', name: 'alice' });

    await c.answerTo(await c.click(takeOver, bob));
    await c.claimShows(announcement, 'bob');

    // A live update (progress changed) renders the claim again.
    h.sim.updateSession(failover.id, {
      progress: 60,
      tasks: [{ vmName: 'apache02', state: 'Working', progress: 60 }],
    });
    const before = JSON.stringify(announcement()?.blocks);
    await poll();
    expect(JSON.stringify(announcement()?.blocks)).not.toBe(before);
    expect(textOf(blockById(announcement(), 'claim'))).toContain('claimed by *bob*');
    expect(c.claimButton(announcement())).toBeDefined();

    h.sim.updateSession(failover.id, { state: 'Stopped', result: 'Success' });
    await poll();
    expect(h.watcher.state().failovers[key]?.finished).toBe(true);
    expect(h.watcher.state().failovers[key]?.claim).toBeUndefined();
    expect(blocksOf(announcement()).some((b) => b.block_id === 'claim')).toBe(false);
    expect(c.claimButton(announcement())).toBeUndefined();

    const late = await c.answerTo(await c.click(claim, alice, announcement()?.ts));
    expect(JSON.stringify(late)).toContain('closed');
  });
});
