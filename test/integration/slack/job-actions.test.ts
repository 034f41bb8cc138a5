import { ActionId, JOB_ACTION_CALLBACK_ID } from '../../../src/views/ids.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { sendButtonClick, sendViewSubmission } from '../../helpers/slack-requests.js';

const CHANNEL = 'COPS';

describe('job actions through Bolt’s receiver, the fake Slack and the simulator', () => {
  let h: BotHarness;
  let n = 0;

  beforeAll(async () => {
    h = await startBotHarness({}, 5000, {
      jobActions: { operators: ['U1', 'S1'], emUser: 'operator', groups: { S1: ['U7'] } },
    });
    const res = await fetch(`${h.sim.origin}/_sim/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Nightly SQL', everyMinutes: 1440, lastRunMinutesAgo: 30 }),
    });
    expect(res.status).toBe(201);
  });
  afterAll(() => h.stop());

  async function click(value: string, userId: string): Promise<Record<string, unknown>> {
    const id = `j${++n}`;
    const opened = h.slack.calls.filter((c) => c.method === 'views.open').length;
    await sendButtonClick(h.eventsUrl, {
      actionId: `${ActionId.JOB_ACTION}:1`,
      value,
      responseUrl: h.slack.responseUrl(id),
      channelId: CHANNEL,
      userId,
    });
    await h.slack.waitFor(
      () =>
        h.slack.responses.some((r) => r.id === id) ||
        h.slack.calls.filter((c) => c.method === 'views.open').length > opened,
    );
    return h.slack.responses.find((r) => r.id === id)?.body ?? {};
  }
  const lastModalToken = (): string => {
    const open = h.slack.calls.filter((c) => c.method === 'views.open').at(-1);
    return String((open?.args['view'] as { private_metadata?: string } | undefined)?.private_metadata);
  };
  const submit = (token: string, userId: string) =>
    sendViewSubmission(h.eventsUrl, {
      callbackId: JOB_ACTION_CALLBACK_ID,
      privateMetadata: token,
      userId,
      userName: `user-${userId}`,
    });
  const lines = () => h.slack.messages.filter((m) => m.channel === CHANNEL).map((m) => m.text);

  it('answers a non-operator in one line naming the operators, with no modal and nothing sent to EM', async () => {
    const answer = await click('retry|Nightly SQL', 'U9');
    expect(String(answer['text'])).toContain('only operators can retry jobs; ask <@U1>, <!subteam^S1>');
    expect(h.slack.calls.some((c) => c.method === 'views.open')).toBe(false);
    expect(h.sim.actions()).toEqual([]);
  });

  it('refuses forged and other-user submissions without reaching EM', async () => {
    await click('start|Nightly SQL', 'U7');
    const token = lastModalToken();
    const view = h.slack.calls.find((c) => c.method === 'views.open')?.args['view'] as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(view['submit'])).toContain('Start');
    expect(JSON.stringify(view['blocks'])).toContain('Nightly SQL');

    expect((await submit(token, 'U1')).body).toContain('belongs to someone else');
    expect((await submit(`${token}x`, 'U7')).body).toContain('not one of ours');
    expect(h.sim.actions()).toEqual([]);
  });

  it('runs an operator’s confirmed start exactly once (a replay does nothing) and reports it in the channel', async () => {
    await click('start|Nightly SQL', 'U7');
    const token = lastModalToken();
    const first = await submit(token, 'U7');
    expect(first.status).toBe(200);
    expect((await submit(token, 'U7')).body).toContain('already used');
    await h.slack.waitFor(() => lines().some((t) => t.includes('accepted the start')));
    expect(lines().some((t) => t.includes('start of *Nightly SQL* requested by user-U7'))).toBe(true);
    // The task finishes on the simulator's clock: step it while the bot polls the task.
    await h.slack.waitFor(() => {
      h.sim.clock.advance(10_000);
      return lines().some((t) => t.includes('under way') || t.includes('did not start'));
    });
    expect(h.sim.actions()).toEqual([
      expect.objectContaining({ job: 'Nightly SQL', action: 'start', user: 'operator', status: 202 }),
    ]);
  });
});
