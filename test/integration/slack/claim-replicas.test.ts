import { createCatalog } from '../../../src/commands/catalog.js';
import { loadConfig, type Config } from '../../../src/config/load-config.js';
import { createEmClient, type EmClient } from '../../../src/em/client.js';
import { retryPolicies } from '../../../src/em/retry-policies.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { ActionId } from '../../../src/views/ids.js';
import { createFailoverFollowing } from '../../../src/watcher/failovers.js';
import { startWatcher, type StartedWatcher } from '../../../src/watcher/start-watcher.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { createTestDatabase } from '../../helpers/postgres.js';
import { blockById, buttonsOf, textOf } from '../../helpers/slack-blocks.js';
import { sendButtonClick, testSlackConfig } from '../../helpers/slack-requests.js';
import { START } from '../../helpers/time.js';
import { ALERTS, buildWatcherConfig, MINUTE } from '../../helpers/watcher-harness.js';

type Body = { blocks?: unknown[]; text?: string };

/**
 * Two replicas on one PostgreSQL database (STATE_URL), as startWatcher builds them: the first leads the watcher,
 * the second follows. A Claim clicked on the follower is answered there and updates the message in place.
 */
describe('Claim on a replica that does not lead the watcher', () => {
  let database: { url: string; drop(): Promise<void> };
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let client: EmClient;
  let leader: StartedWatcher;
  let follower: StartedWatcher;
  let app: SlackApp;
  let eventsUrl: string;
  const clock = createManualClock(START);

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startManualSimulator({ history: 0 });
    slack = await startFakeSlack();
    client = createEmClient({
      apiBase: sim.url,
      username: sim.user,
      password: sim.password,
      timeoutMs: 5000,
      retryPolicy: retryPolicies.fast,
      logger: silentLogger,
    });
    const slackConfig = testSlackConfig(slack.apiUrl);
    const loaded = loadConfig({
      STATE_URL: database.url,
      LEASE_TTL: '30s',
      WATCH_PROTECTION: 'false',
      DIGEST_CHANNELS: 'off',
    });
    // Polls only when the test says so (a schedule that fires once a year).
    const config: Config = {
      ...loaded,
      slack: slackConfig,
      watcher: buildWatcherConfig({ kinds: ['backup'], schedule: '0 0 1 1 *' }),
    };
    const chat = createSlackChat(createSlackWebClient(slackConfig), silentLogger, { channelIntervalMs: 0 });
    const start = () => startWatcher({ config, client, chat, clock, logger: silentLogger });
    leader = await start();
    follower = await start();
    app = createSlackApp({
      slack: slackConfig,
      commands: {
        client,
        catalog: createCatalog({ client, clock, ttlMs: 0 }),
        clock,
        logger: silentLogger,
        watcher: follower.watcher,
      },
      logger: silentLogger,
      chat,
      follow: createFailoverFollowing(follower.watcher, () => clock.now()),
    });
    eventsUrl = `http://127.0.0.1:${await app.start()}/slack/events`;
  });
  afterAll(async () => {
    await app.stop();
    for (const replica of [follower, leader]) {
      await replica.schedule.stop();
      await replica.leadership.stop();
      await replica.store.close();
    }
    await client.close();
    await slack.stop();
    await sim.stop();
    await database.drop();
  });

  it('saves the claim and updates the clicked message in place', async () => {
    expect(leader.leadership.isLeader()).toBe(true);
    expect(follower.leadership.isLeader()).toBe(false);
    await leader.watcher.runOnce();
    sim.clock.advance(MINUTE);
    clock.advance(MINUTE);
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Replica Claimed',
      state: 'Stopped',
      result: 'Failed',
      creationTime: new Date(sim.clock.now() - 10 * MINUTE).toISOString(),
      endTime: new Date(sim.clock.now()).toISOString(),
    });
    await leader.watcher.runOnce();
    const root = slack.messages.find((m) => m.channel === ALERTS && m.text.includes('Replica Claimed'));
    const claim = buttonsOf(root).find((b) => String(b['action_id']).startsWith(ActionId.CLAIM));
    expect(claim).toBeDefined();
    await follower.watcher.reload();

    await sendButtonClick(eventsUrl, {
      actionId: String(claim?.['action_id']),
      value: String(claim?.['value']),
      responseUrl: slack.responseUrl('claim'),
      channelId: ALERTS,
      userId: 'U2',
      userName: 'alice',
      messageTs: root?.ts,
      ephemeral: false,
    });

    await slack.waitFor(() =>
      (rootOf(slack, root?.ts)?.blocks ?? []).some(
        (b) => (b as { block_id?: string }).block_id === 'claim' && JSON.stringify(b).includes('alice'),
      ),
    );
    expect(textOf(blockById(rootOf(slack, root?.ts), 'claim'))).toContain('claimed by *alice*');
    await leader.watcher.reload();
    const incident = Object.values(leader.watcher.state().incidents).find(
      (i) => i.jobName === 'Replica Claimed',
    );
    expect(incident?.claim).toMatchObject({ by: 'U2', name: 'alice' });
  });

  it('answers the user in one line when the message cannot be updated', async () => {
    sim.clock.advance(MINUTE);
    clock.advance(MINUTE);
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Replica Unshown',
      state: 'Stopped',
      result: 'Failed',
      creationTime: new Date(sim.clock.now() - 10 * MINUTE).toISOString(),
      endTime: new Date(sim.clock.now()).toISOString(),
    });
    await leader.watcher.runOnce();
    const root = slack.messages.find((m) => m.channel === ALERTS && m.text.includes('Replica Unshown'));
    const claim = buttonsOf(root).find((b) => String(b['action_id']).startsWith(ActionId.CLAIM));
    await follower.watcher.reload();
    slack.fail({ method: 'chat.update', kind: 'error', error: 'message_not_found', count: 1 });

    await sendButtonClick(eventsUrl, {
      actionId: String(claim?.['action_id']),
      value: String(claim?.['value']),
      responseUrl: slack.responseUrl('unshown'),
      channelId: ALERTS,
      userId: 'U3',
      userName: 'bob',
      messageTs: root?.ts,
      ephemeral: false,
    });

    await slack.waitFor(() => slack.responses.some((r) => r.id === 'unshown'));
    const answer = slack.responses.find((r) => r.id === 'unshown')?.body as Body;
    expect(answer.text).toContain('could not be updated');
    expect(answer.text).toContain('Replica Unshown');
    expect((answer as { replace_original?: boolean }).replace_original ?? false).toBe(false);
  });
});

function rootOf(slack: FakeSlack, ts: string | undefined): Body | undefined {
  return slack.messages.find((m) => m.ts === ts);
}
