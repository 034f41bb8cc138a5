import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertStore } from '../../../src/watcher/alert-store.js';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { createWatcher } from '../../../src/watcher/watcher.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { ActionId } from '../../../src/views/ids.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { blockById, buttonsOf, textOf } from '../../helpers/slack-blocks.js';
import { sendButtonClick } from '../../helpers/slack-requests.js';
import { ALERTS, buildWatcherConfig, MINUTE } from '../../helpers/watcher-harness.js';

type Body = { blocks?: unknown[]; text?: string };

describe('Claim and Snooze on an incident, through Bolt’s receiver', () => {
  let h: BotHarness;
  let store: AlertStore;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    // The state file: a claim must survive the schema check of a restart, not just live in memory.
    dir = await mkdtemp(join(tmpdir(), 'claim-'));
    store = createLowdbAlertStore(join(dir, 'state.json'));
    h = await startBotHarness({}, 5000, { watcher: { kinds: ['backup'] }, store });
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const advance = (ms: number) => h.step(ms);
  const failed = (jobName: string, result = 'Failed') => h.stoppedSession(jobName, result);
  const rootOf = (jobName: string) =>
    h.slack.messages.find((m) => m.channel === ALERTS && !m.thread_ts && m.text.includes(jobName));
  const claimButton = (message: Body | undefined) =>
    buttonsOf(message).find((b) => String(b['action_id']).startsWith(ActionId.CLAIM));

  async function click(
    button: Record<string, unknown> | undefined,
    who: { userId: string; userName: string },
    messageTs?: string,
  ): Promise<string> {
    const id = `c${++n}`;
    await sendButtonClick(h.eventsUrl, {
      actionId: String(button?.['action_id']),
      value: String(button?.['value']),
      responseUrl: h.slack.responseUrl(id),
      channelId: ALERTS,
      ...who,
      ...(messageTs ? { messageTs, ephemeral: false } : {}),
    });
    return id;
  }
  async function answerTo(id: string): Promise<Body> {
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
    return (h.slack.responses.find((r) => r.id === id)?.body ?? {}) as Body;
  }
  const claimShows = (jobName: string, name: string) =>
    h.slack.waitFor(() =>
      (rootOf(jobName)?.blocks ?? []).some(
        (b) => (b as { block_id?: string }).block_id === 'claim' && JSON.stringify(b).includes(name),
      ),
    );

  it('shows the claimer by name (no mention), offers a second person Take over, and survives a restart', async () => {
    advance(MINUTE);
    failed('Claimed Backup');
    await h.watcher.runOnce();
    const root = rootOf('Claimed Backup');
    expect(claimButton(root)?.['value']).toMatch(/^backup:.*\|CALERTS$/);

    await click(claimButton(root), { userId: 'U2', userName: 'alice' }, root?.ts);
    await claimShows('Claimed Backup', 'alice');
    const claimLine = textOf(blockById(rootOf('Claimed Backup'), 'claim'));
    expect(claimLine).toContain('claimed by *alice*');
    expect(claimLine).not.toContain('<@');

    const second = await click(
      claimButton(rootOf('Claimed Backup')),
      { userId: 'U3', userName: 'bob' },
      root?.ts,
    );
    const answer = await answerTo(second);
    expect(textOf(blockById(answer, 'claimed'))).toContain('alice');
    const takeOver = buttonsOf(answer).find((b) => String(b['action_id']).startsWith(ActionId.TAKE_OVER));
    expect(takeOver).toBeDefined();

    const restarted = createWatcher({
      client: h.deps.client,
      chat: {
        post: async () => ({ channel: '', ts: '' }),
        update: async () => undefined,
        findPosted: async () => new Map(),
      },
      store,
      clock: h.clock,
      logger: silentLogger,
      config: buildWatcherConfig({ kinds: ['backup'] }),
    });
    await restarted.start();
    const incident = Object.values(restarted.state().incidents).find((i) => i.jobName === 'Claimed Backup');
    expect(incident?.claim).toMatchObject({ by: 'U2', name: 'alice' });

    await answerTo(await click(takeOver, { userId: 'U3', userName: 'bob' }));
    await claimShows('Claimed Backup', 'bob');
    expect(textOf(blockById(rootOf('Claimed Backup'), 'claim'))).toContain('claimed by *bob*');
  });

  it('keeps threading retries under a claimed incident, and the recovery clears the claim and the buttons', async () => {
    advance(MINUTE);
    failed('Retried Backup');
    await h.watcher.runOnce();
    const root = rootOf('Retried Backup');
    await click(claimButton(root), { userId: 'U2', userName: 'alice' }, root?.ts);
    await claimShows('Retried Backup', 'alice');

    advance(MINUTE);
    failed('Retried Backup');
    await h.watcher.runOnce();
    expect(h.slack.messages.filter((m) => m.thread_ts === root?.ts)).toHaveLength(1);
    expect(textOf(blockById(rootOf('Retried Backup'), 'claim'))).toContain('alice');

    advance(MINUTE);
    failed('Retried Backup', 'Success');
    await h.watcher.runOnce();
    const incident = Object.values(h.watcher.state().incidents).find((i) => i.jobName === 'Retried Backup');
    expect(incident?.recoveredAt).toBeDefined();
    expect(incident?.claim).toBeUndefined();
    expect(claimButton(rootOf('Retried Backup'))).toBeUndefined();
  });

  const snoozeButton = (message: Body | undefined) =>
    buttonsOf(message).find((b) => String(b['action_id']).startsWith(ActionId.SNOOZE));
  async function snooze(jobName: string, label: string): Promise<void> {
    const root = rootOf(jobName);
    const choices = await answerTo(
      await click(snoozeButton(root), { userId: 'U4', userName: 'carol' }, root?.ts),
    );
    const choice = buttonsOf(choices).find((b) => (b['text'] as { text: string }).text === label);
    expect(choice).toBeDefined();
    await answerTo(await click(choice, { userId: 'U4', userName: 'carol' }));
  }
  const threadOf = (jobName: string) => h.slack.messages.filter((m) => m.thread_ts === rootOf(jobName)?.ts);

  it('snoozes one job for 1 h: announced in the thread, failures muted, alerts back once it expires', async () => {
    advance(MINUTE);
    failed('Snoozed Backup');
    await h.watcher.runOnce();
    await snooze('Snoozed Backup', '1 h');
    const mute = h.watcher.state().mutes.find((m) => m.job === 'Snoozed Backup');
    expect(mute).toMatchObject({ by: 'U4', until: h.clock.now() + 3_600_000 });
    expect(textOf(blockById(threadOf('Snoozed Backup')[0], 'snoozed'))).toContain('snoozed by *carol*');

    advance(MINUTE);
    failed('Snoozed Backup');
    await h.watcher.runOnce();
    expect(threadOf('Snoozed Backup')).toHaveLength(1);

    advance(60 * MINUTE);
    failed('Snoozed Backup');
    await h.watcher.runOnce();
    expect(threadOf('Snoozed Backup')).toHaveLength(2);
    expect(h.watcher.state().mutes.some((m) => m.job === 'Snoozed Backup')).toBe(false);
  });

  it('ends a snooze "until it succeeds" at the recovery', async () => {
    advance(MINUTE);
    failed('Flaky Backup');
    await h.watcher.runOnce();
    await snooze('Flaky Backup', 'Until it succeeds');
    expect(h.watcher.state().mutes.find((m) => m.job === 'Flaky Backup')?.untilSuccess).toBe(true);

    advance(MINUTE);
    failed('Flaky Backup', 'Success');
    await h.watcher.runOnce();
    expect(h.watcher.state().mutes.some((m) => m.job === 'Flaky Backup')).toBe(false);
  });
});
