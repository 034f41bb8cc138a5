import { ActionId } from '../../../src/views/ids.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { createCapturingLogger, type CapturingLogger } from '../../helpers/capture-logger.js';
import { blockById, buttonsOf, textOf } from '../../helpers/slack-blocks.js';
import { sendButtonClick } from '../../helpers/slack-requests.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

type Body = { blocks?: unknown[]; text?: string };
const HOUR = 60 * MINUTE;
/** The date token Slack renders in each reader's zone (src/views/format/slack-date.ts). */
const dateToken = (ms: number) => `<!date^${Math.floor(ms / 1000)}^`;

/** Claim and the snooze choices through Bolt's receiver, the fake Slack and the simulator, logs captured. */
describe('Claim (who and when, audited) and the 4 h / 24 h / until-success snoozes', () => {
  let h: BotHarness;
  let log: CapturingLogger;
  let n = 0;

  beforeAll(async () => {
    h = await startBotHarness({}, 5000, { watcher: { kinds: ['backup'] } });
    // The harness hands these deps to the Slack app as they are: every listener logs through this logger.
    log = createCapturingLogger();
    h.deps.logger = log.logger;
  });
  afterAll(() => h.stop());

  const advance = (ms: number) => h.step(ms);
  const fail = (jobName: string, result = 'Failed') => h.stoppedSession(jobName, result);
  const rootOf = (jobName: string) =>
    h.slack.messages.find((m) => m.channel === ALERTS && !m.thread_ts && m.text.includes(jobName));
  const alertsOf = (jobName: string) =>
    h.slack.messages.filter((m) => m.metadata?.event_type === 'veeam_alert' && m.text.includes(jobName));
  const buttonOf = (message: Body | undefined, base: string, label?: string) =>
    buttonsOf(message).find(
      (b) =>
        String(b['action_id']).startsWith(base) &&
        (label === undefined || (b['text'] as { text: string }).text === label),
    );
  async function click(
    button: Record<string, unknown> | undefined,
    who: { userId: string; userName: string },
    messageTs?: string,
    answered = true,
  ): Promise<Body> {
    expect(button).toBeDefined();
    const id = `c${++n}`;
    await sendButtonClick(h.eventsUrl, {
      actionId: String(button?.['action_id']),
      value: String(button?.['value']),
      responseUrl: h.slack.responseUrl(id),
      channelId: ALERTS,
      ...who,
      ...(messageTs ? { messageTs, ephemeral: false } : {}),
    });
    // A first claim shown on the message answers nothing to the clicker.
    if (!answered) return {};
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
    return (h.slack.responses.find((r) => r.id === id)?.body ?? {}) as Body;
  }
  async function alerted(jobName: string) {
    advance(MINUTE);
    fail(jobName);
    await h.watcher.runOnce();
    const root = rootOf(jobName);
    expect(root).toBeDefined();
    return root!;
  }
  const incidentOf = (jobName: string) =>
    Object.values(h.watcher.state().incidents).find((i) => i.jobName === jobName);
  /** The message's claim line, or '' before it has one. */
  const claimLine = (jobName: string) => {
    const message = rootOf(jobName);
    const has = (message?.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === 'claim');
    return has ? textOf(blockById(message, 'claim')) : '';
  };

  it('shows who claimed and when on the message, keeps it with the incident, and audits claim and take-over', async () => {
    const root = await alerted('Claimed At');
    const claimedAt = h.clock.now();
    await click(buttonOf(root, ActionId.CLAIM), { userId: 'U2', userName: 'alice' }, root.ts, false);
    await h.slack.waitFor(() => claimLine('Claimed At').includes('alice'));
    expect(claimLine('Claimed At')).toContain(`claimed by *alice* at ${dateToken(claimedAt)}`);
    expect(incidentOf('Claimed At')?.claim).toEqual({ by: 'U2', name: 'alice', at: claimedAt });

    advance(7 * MINUTE);
    const second = await click(
      buttonOf(rootOf('Claimed At'), ActionId.CLAIM),
      { userId: 'U3', userName: 'bob' },
      root.ts,
    );
    // The second person is told who has it since when.
    expect(textOf(blockById(second, 'claimed'))).toContain(`*alice* at ${dateToken(claimedAt)}`);
    const takenAt = h.clock.now();
    await click(buttonOf(second, ActionId.TAKE_OVER), { userId: 'U3', userName: 'bob' });
    await h.slack.waitFor(() => claimLine('Claimed At').includes('bob'));
    expect(claimLine('Claimed At')).toContain(`claimed by *bob* at ${dateToken(takenAt)}`);
    expect(incidentOf('Claimed At')?.claim).toEqual({ by: 'U3', name: 'bob', at: takenAt });

    const audit = log.lines.filter((l) => l['audit'] === true && l['job'] === 'Claimed At');
    expect(audit.map((l) => [l['user'], l['action'], l['outcome'], l['from']])).toEqual([
      ['U2', 'claim', 'done', undefined],
      ['U3', 'take_over', 'done', 'U2'],
    ]);
  });

  async function snooze(jobName: string, label: string): Promise<number> {
    const root = rootOf(jobName)!;
    const choices = await click(
      buttonOf(root, ActionId.SNOOZE),
      { userId: 'U4', userName: 'carol' },
      root.ts,
    );
    const at = h.clock.now();
    await click(buttonOf(choices, ActionId.SNOOZE_FOR, label), { userId: 'U4', userName: 'carol' });
    return at;
  }
  const mutesOf = (jobName: string) => h.watcher.state().mutes.filter((m) => m.job === jobName);
  const snoozedLine = (jobName: string) =>
    textOf(
      blockById(
        h.slack.messages.find((m) => m.thread_ts === rootOf(jobName)?.ts),
        'snoozed',
      ),
    );

  it.each([
    ['4 h', 4 * HOUR],
    ['24 h', 24 * HOUR],
  ])(
    '"%s" mutes that one job until then, says so in the thread, and alerts again after',
    async (label, ms) => {
      const job = `Snoozed ${label}`;
      await alerted(job);
      await alerted('Bystander');
      const at = await snooze(job, label);

      expect(mutesOf(job)).toEqual([expect.objectContaining({ by: 'U4', until: at + ms })]);
      expect(h.watcher.state().mutes.some((m) => m.job === 'Bystander')).toBe(false);
      expect(snoozedLine(job)).toContain(`snoozed by *carol* until ${dateToken(at + ms)}`);
      expect(snoozedLine(job)).not.toContain('succeeds');

      // Just before the end: still muted; the other job is not.
      const before = { job: alertsOf(job).length, bystander: alertsOf('Bystander').length };
      advance(ms - 2 * MINUTE);
      fail(job);
      fail('Bystander');
      await h.watcher.runOnce();
      expect(alertsOf(job)).toHaveLength(before.job);
      expect(alertsOf('Bystander')).toHaveLength(before.bystander + 1);

      advance(2 * MINUTE);
      fail(job);
      await h.watcher.runOnce();
      expect(alertsOf(job)).toHaveLength(before.job + 1);
      expect(mutesOf(job)).toEqual([]);
    },
  );

  it('"Until it succeeds" lasts at most 24 h when the job never succeeds', async () => {
    const job = 'Never Succeeds';
    await alerted(job);
    const at = await snooze(job, 'Until it succeeds');
    expect(mutesOf(job)).toEqual([expect.objectContaining({ until: at + 24 * HOUR, untilSuccess: true })]);
    expect(snoozedLine(job)).toContain(`until ${dateToken(at + 24 * HOUR)}`);
    expect(snoozedLine(job)).toMatch(/ or until the job succeeds$/);

    const before = alertsOf(job).length;
    advance(24 * HOUR - MINUTE);
    fail(job);
    await h.watcher.runOnce();
    expect(alertsOf(job)).toHaveLength(before);

    advance(MINUTE);
    fail(job);
    await h.watcher.runOnce();
    expect(alertsOf(job)).toHaveLength(before + 1);
    expect(mutesOf(job)).toEqual([]);
  });
});
