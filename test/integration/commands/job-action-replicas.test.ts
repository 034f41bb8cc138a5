import type { ActionClaims } from '../../../src/commands/job-actions/action-token.js';
import { createActionTokens } from '../../../src/commands/job-actions/action-token.js';
import {
  ACTION_LOCK_TTL_MS,
  checkSubmission,
  runConfirmedAction,
} from '../../../src/commands/job-actions/confirm-action.js';
import { createJobOperators } from '../../../src/commands/job-actions/operators.js';
import { createCatalog } from '../../../src/commands/catalog.js';
import type { CommandDeps } from '../../../src/commands/types.js';
import type { EmClient } from '../../../src/em/client.js';
import { jobsNamed } from '../../../src/em/estate.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { migrate } from '../../../src/store/postgres/migrations.js';
import type { Db } from '../../../src/store/postgres/pg.js';
import { createPostgresActionLedger } from '../../../src/store/postgres/postgres-action-ledger.js';
import { createPostgresStateStore } from '../../../src/store/postgres/postgres-state-store.js';
import { createTokenSpend } from '../../../src/store/token-spend.js';
import { emptyState } from '../../../src/watcher/state.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';
import { simClient } from '../../helpers/sim-client.js';
import { testSlackConfig } from '../../helpers/slack-requests.js';
import { createSteppedSleep } from '../../helpers/stepped-sleep.js';

const CHANNEL = 'COPS';

/** Two replicas on one PostgreSQL state: each its own pool and ledger, the same EM and Slack. */
describe('one confirmed action per job across two replicas (PostgreSQL)', () => {
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let client: EmClient;
  let database: { url: string; drop(): Promise<void> };
  const dbs: Db[] = [];
  const clock = createManualClock(0);
  const time = createSteppedSleep(clock);

  beforeAll(async () => {
    sim = await startManualSimulator({ history: 50 });
    clock.set(sim.clock.now());
    slack = await startFakeSlack();
    client = simClient(sim, { username: 'operator', password: 'operator' });
    database = await createTestDatabase();
    dbs.push(openTestDb(database.url));
    await migrate(dbs[0]!);
  });
  afterAll(async () => {
    for (const db of dbs) await db.end();
    await database.drop();
    await client.close();
    await slack.stop();
    await sim.stop();
  });

  function replica(): CommandDeps {
    const db = openTestDb(database.url);
    dbs.push(db);
    return {
      client,
      catalog: createCatalog({ client, clock, ttlMs: 0 }),
      clock,
      logger: silentLogger,
      jobActions: {
        operators: createJobOperators({ operators: ['U1'], clock, logger: silentLogger }),
        tokens: createActionTokens('k'),
        ledger: createPostgresActionLedger(db),
        // On PostgreSQL the store's claimOnce decides; the watcher's state is not read.
        spendToken: createTokenSpend(createPostgresStateStore(db), {
          state: () => emptyState(),
          persist: async () => undefined,
        }),
        sleep: time.sleep,
        followLimits: { intervalMs: 1_000, maxWaitMs: 60_000 },
      },
    };
  }
  const chat = () =>
    createSlackChat(createSlackWebClient(testSlackConfig(slack.apiUrl)), silentLogger, {
      channelIntervalMs: 0,
    });
  async function claimsFor(jobName: string, nonce: string): Promise<ActionClaims> {
    const [job] = await jobsNamed(client, jobName, 1);
    return {
      user: 'U1',
      jobUid: job!.uid,
      jobHref: job!.href,
      jobName: job!.name,
      action: 'start',
      channel: CHANNEL,
      expiresAt: clock.now() + 300_000,
      nonce,
    };
  }
  async function addJob(name: string): Promise<void> {
    const res = await fetch(`${sim.origin}/_sim/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, everyMinutes: 1440, lastRunMinutesAgo: 30 }),
    });
    expect(res.status).toBe(201);
  }
  /** Steps both clocks while the replicas wait on them, until every run is done. */
  async function drive(runs: Promise<void>[]): Promise<void> {
    let done = false;
    void Promise.all(runs).then(() => (done = true));
    while (!done) {
      await slack.waitFor(() => done || time.waiting() > 0);
      if (done) break;
      sim.clock.advance(1_000);
      time.advance(1_000);
    }
  }

  it('two confirmations of one job on two replicas at once start it once', async () => {
    await addJob('Shared Job');
    const [a, b] = [replica(), replica()];
    await drive([
      runConfirmedAction(await claimsFor('Shared Job', 'na'), 'alice', a, chat()),
      runConfirmedAction(await claimsFor('Shared Job', 'nb'), 'alice', b, chat()),
    ]);

    expect(sim.actions().filter((x) => x.job === 'Shared Job')).toEqual([
      expect.objectContaining({ action: 'start', status: 202 }),
    ]);
    const texts = slack.messages.map((m) => m.text);
    expect(texts.filter((t) => t.includes('already in progress'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('the start of *Shared Job* finished: Success'))).toHaveLength(1);
  });

  it('a mark left by a replica that died holds until it expires, then the job can be started', async () => {
    await addJob('Orphaned Job');
    const dead = replica();
    const orphan = await claimsFor('Orphaned Job', 'dead');
    await dead.jobActions!.ledger.begin(
      { ...orphan, at: clock.now(), expiresAt: clock.now() + ACTION_LOCK_TTL_MS },
      clock.now(),
    );
    const live = replica();

    await drive([runConfirmedAction(await claimsFor('Orphaned Job', 'n1'), 'bob', live, chat())]);
    expect(sim.actions().filter((x) => x.job === 'Orphaned Job')).toEqual([]);

    sim.clock.advance(ACTION_LOCK_TTL_MS);
    time.advance(ACTION_LOCK_TTL_MS);
    await drive([runConfirmedAction(await claimsFor('Orphaned Job', 'n2'), 'bob', live, chat())]);
    expect(sim.actions().filter((x) => x.job === 'Orphaned Job')).toEqual([
      expect.objectContaining({ action: 'start', status: 202 }),
    ]);
  });

  it('a confirmation replayed on the other replica, after the first action ended, reaches EM zero times', async () => {
    await addJob('Replayed Job');
    const [a, b] = [replica(), replica()];
    const [job] = await jobsNamed(client, 'Replayed Job', 1);
    const token = a.jobActions!.tokens.sign(
      {
        user: 'U1',
        jobUid: job!.uid,
        jobHref: job!.href,
        jobName: job!.name,
        action: 'start',
        channel: CHANNEL,
      },
      clock.now(),
    );
    const first = await checkSubmission(token, 'U1', a);
    expect(first.ok).toBe(true);
    if (first.ok) await drive([runConfirmedAction(first.claims, 'alice', a, chat())]);
    expect(sim.actions().filter((x) => x.job === 'Replayed Job')).toHaveLength(1);

    const replay = await checkSubmission(token, 'U1', b);

    expect(replay).toEqual({ ok: false, line: expect.stringContaining('already used') });
    if (replay.ok) await drive([runConfirmedAction(replay.claims, 'alice', b, chat())]);
    expect(sim.actions().filter((x) => x.job === 'Replayed Job')).toHaveLength(1);
  });

  it('a second confirmation while one runs links to the running one, or says where when Slack gives no link', async () => {
    await addJob('Linked Job');
    const live = replica();
    const c = chat();
    const running = await c.post({ channel: CHANNEL, text: 'start of Linked Job requested' });
    const held = await claimsFor('Linked Job', 'held');
    await live.jobActions!.ledger.begin(
      { ...held, ts: running.ts, at: clock.now(), expiresAt: clock.now() + ACTION_LOCK_TTL_MS },
      clock.now(),
    );
    const answer = () => slack.messages.filter((m) => m.channel === CHANNEL).at(-1)?.text ?? '';

    await drive([runConfirmedAction(await claimsFor('Linked Job', 'second'), 'bob', live, c)]);
    const link = `https://test.slack.com/archives/${CHANNEL}/p${running.ts.replace('.', '')}`;
    expect(answer()).toContain(`already in progress (<${link}|see the running one>)`);

    slack.fail({ method: 'chat.getPermalink', kind: 'error', error: 'message_not_found', count: 1 });
    await drive([runConfirmedAction(await claimsFor('Linked Job', 'third'), 'bob', live, c)]);
    expect(answer()).toContain(`already in progress (in <#${CHANNEL}>, message ${running.ts})`);
    expect(sim.actions().filter((x) => x.job === 'Linked Job')).toEqual([]);
  });
});
