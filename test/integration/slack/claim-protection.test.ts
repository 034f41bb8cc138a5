import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import type { BotHarness } from '../../helpers/bot-harness.js';
import { startProtectionClaimRig, type claimClicks, type Posted } from '../../helpers/claim-clicks.js';
import { blockById, blocksOf, buttonsOf, textOf } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

describe('Claim on protection alerts, through Bolt’s receiver', () => {
  let rig: Awaited<ReturnType<typeof startProtectionClaimRig>>;
  let h: BotHarness;
  let c: ReturnType<typeof claimClicks>;

  beforeAll(async () => {
    rig = await startProtectionClaimRig('claim-protection');
    h = rig.h;
    c = rig.clicks;
  });
  afterAll(() => rig.stop());

  const check = async (ms = MINUTE) => {
    rig.advance(ms);
    expect((await rig.loop.runOnce()).ok).toBe(true);
  };
  const control = (path: string, body: unknown) => rig.control(path, body);
  const alertOf = (header: string): Posted | undefined =>
    h.slack.messages.find(
      (m) => m.channel === ALERTS && !m.thread_ts && JSON.stringify(m.blocks ?? []).includes(header),
    );
  const alice = { userId: 'U2', userName: 'alice' };
  const bob = { userId: 'U3', userName: 'bob' };

  it('claims a repository alert in place, offers Take over, survives a restart, follows the free space and clears at the recovery', async () => {
    const repo = alertOf.bind(null, 'Repository critical: Prot Claimed');
    await control('repositories', { name: 'Prot Claimed', capacityGb: 1000, freeGb: 500 });
    await check();
    await control('repositories', { name: 'Prot Claimed', capacityGb: 1000, freeGb: 20 });
    await check();
    const claim = c.claimButton(repo());
    expect(claim?.['value']).toMatch(/^protection:repository:/);
    // A repository is not a job: nothing to snooze.
    expect(c.snoozeButton(repo())).toBeUndefined();

    await c.click(claim, alice, repo()?.ts);
    await c.claimShows(repo, 'alice');
    const line = textOf(blockById(repo(), 'claim'));
    expect(line).toContain('claimed by *alice*');
    expect(line).toMatch(/<!date\^\d+\^/);
    expect(line).not.toContain('<@');

    const answer = await c.answerTo(await c.click(c.claimButton(repo()), bob, repo()?.ts));
    expect(textOf(blockById(answer, 'claimed'))).toContain('alice');
    const takeOver = c.takeOverButton(answer);
    expect(takeOver?.['value']).toBe(claim?.['value']);

    const restarted = createLowdbAlertStore(rig.stateFile);
    const episodes = Object.values((await restarted.load()).protection?.episodes ?? {});
    expect(episodes.find((e) => e.name === 'Prot Claimed')?.claim).toMatchObject({ by: 'U2', name: 'alice' });

    await c.answerTo(await c.click(takeOver, bob));
    await c.claimShows(repo, 'bob');
    expect(textOf(blockById(repo(), 'claim'))).toContain('claimed by *bob*');

    // Free space changes update the alert in place; the claim stays on it.
    await control('repositories', { name: 'Prot Claimed', capacityGb: 1000, freeGb: 40 });
    await check();
    expect(textOf(blockById(repo(), 'protection_repository'))).toContain('4.0 %');
    expect(textOf(blockById(repo(), 'claim'))).toContain('bob');

    await control('repositories', { name: 'Prot Claimed', capacityGb: 1000, freeGb: 500 });
    await check();
    expect(h.slack.messages.filter((m) => m.thread_ts === repo()?.ts)).toHaveLength(1);
    expect(blocksOf(repo()).some((b) => b.block_id === 'claim')).toBe(false);
    expect(buttonsOf(repo())).toHaveLength(0);
    expect(episodesNamed('Prot Claimed').every((e) => e.claim === undefined)).toBe(true);

    const late = await c.answerTo(await c.click(claim, alice, repo()?.ts));
    expect(JSON.stringify(late)).toContain('closed');
  });

  const episodesNamed = (name: string) =>
    Object.values(h.watcher.state().protection?.episodes ?? {}).filter((e) => e.name === name);

  it('snoozes the job of a schedule-disabled alert: the job muted, the thread told', async () => {
    await control('jobs', {
      name: 'Prot Snoozed',
      vms: ['prot-snoozed-vm'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    await check();
    await control('jobs/Prot%20Snoozed', { scheduleEnabled: false });
    await check();
    const alert = alertOf.bind(null, 'Schedule disabled: Prot Snoozed');
    expect(c.claimButton(alert())?.['value']).toMatch(/^protection:/);
    const choices = await c.answerTo(await c.click(c.snoozeButton(alert()), alice, alert()?.ts));
    const hour = buttonsOf(choices).find((b) => (b['text'] as { text: string }).text === '1 h');
    await c.answerTo(await c.click(hour, alice));
    expect(h.watcher.state().mutes.find((m) => m.job === 'Prot Snoozed')).toMatchObject({
      by: 'U2',
      until: h.clock.now() + 3_600_000,
    });
    const thread = h.slack.messages.filter((m) => m.thread_ts === alert()?.ts);
    expect(textOf(blockById(thread[0], 'snoozed'))).toContain('snoozed by *alice*');
  });

  it('shows a claim in every channel the alert went to, even when one of them refuses the update', async () => {
    const second = 'C0SECOND';
    h.watcher.state().subscriptions.push({ id: 90, channel: second, type: 'repository' });
    const inChannel = (channel: string) => (): Posted | undefined =>
      h.slack.messages.find(
        (m) =>
          m.channel === channel &&
          !m.thread_ts &&
          JSON.stringify(m.blocks ?? []).includes('Repository critical: Prot Two Channels'),
      );
    await control('repositories', { name: 'Prot Two Channels', capacityGb: 1000, freeGb: 500 });
    await check();
    await control('repositories', { name: 'Prot Two Channels', capacityGb: 1000, freeGb: 20 });
    await check();
    expect(inChannel(second)()).toBeDefined();

    h.slack.fail({
      method: 'chat.update',
      kind: 'error',
      error: 'message_not_found',
      count: 1,
      channel: ALERTS,
    });
    await c.click(c.claimButton(inChannel(ALERTS)()), alice, inChannel(ALERTS)()?.ts);
    await c.claimShows(inChannel(second), 'alice');
  });
});
