import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import type { BotHarness } from '../../helpers/bot-harness.js';
import { startProtectionClaimRig, type claimClicks, type Posted } from '../../helpers/claim-clicks.js';
import { blockById, blocksOf, textOf } from '../../helpers/slack-blocks.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

type Meta = { metadata?: { event_payload?: Record<string, unknown> } };

describe('Claim on storm summaries, through Bolt’s receiver', () => {
  let rig: Awaited<ReturnType<typeof startProtectionClaimRig>>;
  let h: BotHarness;
  let c: ReturnType<typeof claimClicks>;

  beforeAll(async () => {
    rig = await startProtectionClaimRig('claim-storm');
    h = rig.h;
    c = rig.clicks;
  });
  afterAll(() => rig.stop());

  const advance = (ms = MINUTE) => rig.advance(ms);
  const summaryOf = (prefix: string) => (): Posted | undefined =>
    h.slack.messages.find(
      (m) => !m.thread_ts && String((m as Meta).metadata?.event_payload?.['key'] ?? '').startsWith(prefix),
    );
  const alice = { userId: 'U2', userName: 'alice' };
  const bob = { userId: 'U3', userName: 'bob' };

  it('claims a session storm summary in place, offers Take over, and the claim survives a restart', async () => {
    advance();
    for (let i = 0; i < 6; i += 1) h.stoppedSession(`Storm Job ${i}`, 'Failed');
    await h.watcher.runOnce();
    const summary = summaryOf('batch:');
    const claim = c.claimButton(summary());
    expect(claim?.['value']).toMatch(/^storm:batch:.*\|CALERTS$/);

    await c.click(claim, alice, summary()?.ts);
    await c.claimShows(summary, 'alice');
    expect(textOf(blockById(summary(), 'claim'))).toContain('claimed by *alice*');
    expect(textOf(blockById(summary(), 'storm'))).toContain('Storm Job');

    const answer = await c.answerTo(await c.click(c.claimButton(summary()), bob, summary()?.ts));
    expect(textOf(blockById(answer, 'claimed'))).toContain('alice');
    const takeOver = c.takeOverButton(answer);

    const restarted = await createLowdbAlertStore(rig.stateFile).load();
    expect(Object.values(restarted.storms ?? {})[0]?.claim).toMatchObject({ by: 'U2', name: 'alice' });

    await c.answerTo(await c.click(takeOver, bob));
    await c.claimShows(summary, 'bob');
    expect(blocksOf(summary()).filter((b) => b.block_id === 'claim')).toHaveLength(1);
  });

  it('claims a protection storm summary, and clears the claim once every alert in it recovered', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `Prot Storm Repo ${i}`);
    const free = async (freeGb: number) => {
      for (const name of names) await rig.control('repositories', { name, capacityGb: 1000, freeGb });
      advance();
      expect((await rig.loop.runOnce()).ok).toBe(true);
    };
    await free(500);
    await free(20);
    const summary = summaryOf('protection-storm:');
    const claim = c.claimButton(summary());
    expect(claim?.['value']).toMatch(/^storm:protection-storm:/);
    await c.click(claim, alice, summary()?.ts);
    await c.claimShows(summary, 'alice');

    await free(500);
    expect(blocksOf(summary()).some((b) => b.block_id === 'claim')).toBe(false);
    expect(c.claimButton(summary())).toBeUndefined();
    expect(Object.values(h.watcher.state().storms ?? {}).find((s) => s.episodes)?.claim).toBeUndefined();
    const late = await c.answerTo(await c.click(claim, bob, summary()?.ts));
    expect(JSON.stringify(late)).toContain('closed');
  });

  it('keeps a protection storm’s claim while one of its alerts, demoted to warning, is still open', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `Prot Demoted Repo ${i}`);
    const set = async (freeGb: (i: number) => number) => {
      for (const [i, name] of names.entries())
        await rig.control('repositories', { name, capacityGb: 1000, freeGb: freeGb(i) });
      advance();
      expect((await rig.loop.runOnce()).ok).toBe(true);
    };
    const newestStorm = (): Posted | undefined =>
      h.slack.messages
        .filter(
          (m) =>
            !m.thread_ts &&
            String((m as Meta).metadata?.event_payload?.['key'] ?? '').startsWith('protection-storm:'),
        )
        .at(-1);
    await set(() => 500);
    await set(() => 20);
    const storm = newestStorm();
    const summary = () => h.slack.messages.find((m) => m.ts === storm?.ts);
    await c.click(c.claimButton(summary()), alice, storm?.ts);
    await c.claimShows(summary, 'alice');

    // Five recover; the first rises to 10 % free, between the lines: its critical alert becomes the warning one.
    await set((i) => (i === 0 ? 100 : 500));
    expect(blocksOf(summary()).some((b) => b.block_id === 'claim')).toBe(true);
    await set(() => 500);
    expect(blocksOf(summary()).some((b) => b.block_id === 'claim')).toBe(false);
  });
});
