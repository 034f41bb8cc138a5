import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/shared/logger.js';
import type { AlertStore } from '../../../src/watcher/alert-store.js';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { createProtectionLoop, type ProtectionLoop } from '../../../src/watcher/protection-loop.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { claimClicks, type Posted } from '../../helpers/claim-clicks.js';
import { buildProtectionConfig } from '../../helpers/protection-harness.js';
import { blockById, blocksOf, textOf } from '../../helpers/slack-blocks.js';
import { ALERTS, buildWatcherConfig, MINUTE } from '../../helpers/watcher-harness.js';

type Meta = { metadata?: { event_payload?: Record<string, unknown> } };

describe('Claim on storm summaries, through Bolt’s receiver', () => {
  let h: BotHarness;
  let dir: string;
  let store: AlertStore;
  let loop: ProtectionLoop;
  let c: ReturnType<typeof claimClicks>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'claim-storm-'));
    store = createLowdbAlertStore(join(dir, 'state.json'));
    h = await startBotHarness({}, 5000, { watcher: { kinds: ['backup'] }, store });
    loop = createProtectionLoop({
      state: () => h.watcher.state(),
      save: () => h.watcher.persist(),
      client: h.deps.client,
      chat: h.chat,
      clock: h.clock,
      logger: silentLogger,
      config: buildWatcherConfig({ kinds: ['backup'] }),
      protection: buildProtectionConfig(),
    });
    c = claimClicks(h, ALERTS);
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const advance = (ms = MINUTE) => {
    h.sim.clock.advance(ms);
    h.clock.advance(ms);
  };
  const summaryOf = (prefix: string) => (): Posted | undefined =>
    h.slack.messages.find(
      (m) => !m.thread_ts && String((m as Meta).metadata?.event_payload?.['key'] ?? '').startsWith(prefix),
    );
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${h.sim.origin}/_sim/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
  };
  const alice = { userId: 'U2', userName: 'alice' };
  const bob = { userId: 'U3', userName: 'bob' };

  it('claims a session storm summary in place, offers Take over, and the claim survives a restart', async () => {
    advance();
    for (let i = 0; i < 6; i += 1)
      h.sim.createSession({
        type: 'BackupJobSession',
        jobName: `Storm Job ${i}`,
        state: 'Stopped',
        result: 'Failed',
        creationTime: new Date(h.sim.clock.now() - 10 * MINUTE).toISOString(),
        endTime: new Date(h.sim.clock.now()).toISOString(),
      });
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

    const restarted = await createLowdbAlertStore(join(dir, 'state.json')).load();
    expect(Object.values(restarted.storms ?? {})[0]?.claim).toMatchObject({ by: 'U2', name: 'alice' });

    await c.answerTo(await c.click(takeOver, bob));
    await c.claimShows(summary, 'bob');
    expect(blocksOf(summary()).filter((b) => b.block_id === 'claim')).toHaveLength(1);
  });

  it('claims a protection storm summary, and clears the claim once every alert in it recovered', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `Prot Storm Repo ${i}`);
    const free = async (freeGb: number) => {
      for (const name of names) await control('repositories', { name, capacityGb: 1000, freeGb });
      advance();
      expect((await loop.runOnce()).ok).toBe(true);
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
});
