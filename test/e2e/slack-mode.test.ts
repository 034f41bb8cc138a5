import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { ActionId } from '../../src/views/ids.js';
import { slackModeEnv, spawnBot, waitForMorePolls, type BotProcess } from '../helpers/bot-process.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { blockById, blocksOf, blockWithText, buttonsOf, textOf } from '../helpers/slack-blocks.js';
import { sendButtonClick, sendSlashCommand } from '../helpers/slack-requests.js';

/** The built bot in Slack HTTP mode, against the simulator (real-time clock) and a fake Slack on loopback. */
describe('the built bot in Slack mode', () => {
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let bot: BotProcess;
  let eventsUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({ history: 500, live: false });
    slack = await startFakeSlack();
    bot = spawnBot(slackModeEnv(sim, slack.apiUrl, { ALERT_MENTION: '<!subteam^SONCALL>' }));
    // The watcher records where news begins before the HTTP receiver starts: what ends after this is news.
    const [, port] = await bot.waitFor(/"port":(\d+),"msg":"Slack app started"/, 20_000, 'stderr');
    eventsUrl = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(async () => {
    await bot.kill('SIGTERM');
    await slack.stop();
    await sim.stop();
  });

  it('prints which mode it runs in first', () => {
    expect(bot.stdout().split('\n')[0]).toMatch(
      /^Slack mode \(HTTP on port 0 at \/slack\/events\): Enterprise Manager at http:\/\/127\.0\.0\.1:\d+\/api\//,
    );
  });

  it('answers a signed slash command through response_url', async () => {
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'E2E Reporting',
      state: 'Stopped',
      result: 'Success',
    });
    const { status, ms } = await sendSlashCommand(eventsUrl, {
      text: 'status E2E Reporting',
      responseUrl: slack.responseUrl('status'),
    });
    expect(status).toBe(200);
    expect(ms).toBeLessThan(3000);
    await slack.waitFor(() => slack.responses.some((r) => r.id === 'status'));
    const answer = slack.responses.find((r) => r.id === 'status')?.body;
    expect(blocksOf(answer)[0]?.type).toBe('header');
    expect(textOf(blocksOf(answer)[0] ?? { type: 'none' })).toContain('E2E Reporting');
  });

  it('alerts each failure exactly once, in ALERT_CHANNEL, with the failed VM and the mention', async () => {
    const failures = ['E2E Alpha', 'E2E Beta', 'E2E Gamma'].map((jobName) =>
      sim.createSession({
        type: 'BackupJobSession',
        jobName,
        state: 'Stopped',
        result: 'Failed',
        tasks: [
          {
            vmName: `${jobName.split(' ')[1]?.toLowerCase()}-vm01`,
            result: 'Failed',
            reason: 'Snapshot creation failed',
          },
        ],
      }),
    );
    const started = Date.now();
    const alertsFor = (uid: string) => slack.messages.filter((m) => m.metadata?.event_payload['key'] === uid);
    await slack.waitFor(() => failures.every((f) => alertsFor(f.uid).length > 0), 15_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    await waitForMorePolls(bot, 2); // a whole poll after the one that posted: nothing is posted twice
    for (const failure of failures) {
      const [alert, ...duplicates] = alertsFor(failure.uid);
      expect(duplicates).toHaveLength(0);
      expect(alert?.channel).toBe('CALERTS');
      expect(textOf(blockById(alert, 'tasks'))).toMatch(/-vm01\b.*Snapshot creation failed/s);
      const mentions = blocksOf(alert).filter((b) => textOf(b).includes('<!subteam^SONCALL>'));
      expect(mentions.map((b) => b.type)).toEqual(['section']);
    }
  });

  it('threads a failed retry under the first alert and updates it', async () => {
    const first = sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'E2E Replica',
      state: 'Stopped',
      result: 'Failed',
    });
    await slack.waitFor(
      () => slack.messages.some((m) => m.metadata?.event_payload['key'] === first.uid),
      15_000,
    );
    const root = slack.messages.find((m) => m.metadata?.event_payload['key'] === first.uid);
    const retry = sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'E2E Replica',
      state: 'Stopped',
      result: 'Failed',
      isRetry: true,
    });
    await slack.waitFor(
      () => slack.messages.some((m) => m.metadata?.event_payload['key'] === retry.uid),
      15_000,
    );
    expect(slack.messages.find((m) => m.metadata?.event_payload['key'] === retry.uid)?.thread_ts).toBe(
      root?.ts,
    );
    await slack.waitFor(() =>
      slack.calls.some((c) => c.method === 'chat.update' && c.args['ts'] === root?.ts),
    );
  });

  it('answers a button click with the linked object', async () => {
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'E2E Links',
      state: 'Stopped',
      result: 'Warning',
      tasks: [{ vmName: 'links-vm01', result: 'Warning', reason: 'Changed block tracking reset' }],
    });
    await sendSlashCommand(eventsUrl, { text: 'status E2E Links', responseUrl: slack.responseUrl('list') });
    await slack.waitFor(() => slack.responses.some((r) => r.id === 'list'));
    const body = slack.responses.find((r) => r.id === 'list')?.body;
    const details = buttonsOf(body).find((b) => String(b['action_id']).startsWith(ActionId.FOLLOW_LINK));
    expect(details).toBeDefined();
    await sendButtonClick(eventsUrl, {
      actionId: String(details?.['action_id']),
      value: String(details?.['value']),
      responseUrl: slack.responseUrl('click'),
    });
    await slack.waitFor(() => slack.responses.some((r) => r.id === 'click'));
    const clicked = slack.responses.find((r) => r.id === 'click')?.body;
    expect(blockWithText(clicked, 'Changed block tracking reset').type).toBe('section');
  });
});
