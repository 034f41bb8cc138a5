import { waitForMorePolls } from '../helpers/bot-process.js';
import { startCrashRig, type CrashRig } from '../helpers/crash-rig.js';
import { sendSlashCommand } from '../helpers/slack-requests.js';

const RETRY_AFTER_S = 8;

/**
 * The built bot while Slack rate-limits one channel for longer than the bot waits inline: another channel's
 * alert still goes out at once, and the limited channel's alert goes out once, after its Retry-After.
 * Measured before: three 429s with Retry-After: 30 on one channel delayed a different channel by 97.7 s.
 */
describe('Slack 429s on one channel', () => {
  let rig: CrashRig;
  let eventsUrl: string;
  beforeAll(async () => {
    rig = await startCrashRig({ env: { SLACK_RATE_LIMIT_WAIT: '500ms' } });
    const bot = await rig.start();
    const [, port] = await bot.waitFor(/"port":(\d+)[^\n]*"msg":"Slack app started"/, 20_000, 'stderr');
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(() => rig.stop());

  const fail = (jobName: string) =>
    rig.sim.createSession({
      type: 'BackupJobSession',
      jobName,
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'vm', result: 'Failed', reason: 'x' }],
    }).uid;
  const postsOf = (uid: string, channel: string) =>
    rig.slack.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args['channel'] === channel &&
        JSON.stringify(c.args['metadata'] ?? {}).includes(uid),
    );

  it('posts the other channel’s alert at once and the limited channel’s once, after its Retry-After', async () => {
    const subscribed = await sendSlashCommand(eventsUrl, {
      text: 'subscribe job:Bravo*',
      channelId: 'CBRAVO',
      responseUrl: rig.slack.responseUrl('sub'),
    });
    expect(subscribed.status).toBe(200);
    await rig.slack.waitFor(() => rig.slack.responses.some((r) => r.id === 'sub'));

    rig.slack.fail({
      method: 'chat.postMessage',
      kind: 'ratelimited',
      retryAfterSeconds: RETRY_AFTER_S,
      count: 1,
      channel: 'CALERTS',
    });
    const alpha = fail('Alpha 429');
    await rig.slack.waitFor(() => postsOf(alpha, 'CALERTS').length >= 1, 20_000);
    const limitedAt = postsOf(alpha, 'CALERTS')[0]!.at;

    const bravo = fail('Bravo 429');
    await rig.slack.waitFor(() => postsOf(bravo, 'CBRAVO').length >= 1, 20_000);
    expect(postsOf(bravo, 'CBRAVO')[0]!.at - limitedAt).toBeLessThan((RETRY_AFTER_S * 1000) / 2);

    await rig.slack.waitFor(() => rig.alertsFor(alpha) >= 1, 30_000);
    await waitForMorePolls(rig.bot(), 2, 30_000); // a whole poll after the post: nothing is posted twice
    expect(rig.slack.messages.filter((m) => m.metadata?.event_payload['key'] === alpha)).toHaveLength(1);
    // Slack was not asked again for that channel before its Retry-After had passed.
    const early = rig.slack.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args['channel'] === 'CALERTS' &&
        c.at > limitedAt &&
        c.at < limitedAt + RETRY_AFTER_S * 1000 - 500,
    );
    expect(early).toEqual([]);
    expect(rig.bot().child.exitCode).toBeNull();
  });
});
