import { createServer, connect, type Server, type Socket } from 'node:net';
import { loadConfig } from '../../../src/config/load-config.js';
import type { EmClient } from '../../../src/em/client.js';
import { startHealthServer, type HealthServer } from '../../../src/health/health-server.js';
import { createHealthKit, type HealthKit } from '../../../src/health/health-kit.js';
import { observeWatcher, watcherHooks } from '../../../src/health/watcher-health.js';
import { createMetrics } from '../../../src/metrics/registry.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { ErrorCode } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { startWatcher, type StartedWatcher } from '../../../src/watcher/start-watcher.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { createTestDatabase } from '../../helpers/postgres.js';
import { parsePrometheusText, sampleValue, type Sample } from '../../helpers/prometheus-text.js';
import { simClient } from '../../helpers/sim-client.js';
import { testSlackConfig } from '../../helpers/slack-requests.js';
import { MINUTE, START } from '../../helpers/time.js';
import { waitUntil } from '../../helpers/wait.js';

/** A TCP relay to PostgreSQL that the test can cut: the database becomes unreachable, as on a network loss. */
async function startRelay(target: URL): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    cut: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}

/**
 * The watcher as main.ts composes it (startWatcher with the health kit's hooks, observeWatcher), on PostgreSQL
 * behind a relay, the simulator as EM and a fake Slack: every watcher metric moves when its path runs, and
 * /readyz names the store once PostgreSQL is out of reach.
 */
describe('watcher metrics and store readiness, on PostgreSQL', () => {
  const NEVER = '0 0 0 1 1 *'; // New Year's midnight: the test runs the schedules itself.
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let database: { url: string; drop(): Promise<void> };
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let client: EmClient;
  let kit: HealthKit;
  let started: StartedWatcher;
  let health: HealthServer;
  const clock = createManualClock(START);

  beforeAll(async () => {
    sim = await startManualSimulator({ history: 0 });
    slack = await startFakeSlack();
    database = await createTestDatabase();
    relay = await startRelay(new URL(database.url));
    const stateUrl = new URL(database.url);
    stateUrl.hostname = '127.0.0.1';
    stateUrl.port = String(relay.port);
    const config = loadConfig({
      VEEAM_URL: sim.url,
      VEEAM_USERNAME: sim.user,
      VEEAM_PASSWORD: sim.password,
      STATE_URL: stateUrl.toString(),
      LEASE_TTL: '10m',
      WATCH_SCHEDULE: NEVER,
      PROTECTION_SCHEDULE: NEVER,
      ALERT_CHANNEL: 'CALERTS',
      DIGEST_CHANNELS: 'CALERTS',
    });
    kit = createHealthKit(createMetrics(), () => Date.now());
    client = simClient(sim, { onResponse: kit.onEmResponse });
    const slackConfig = testSlackConfig(slack.apiUrl);
    const chat = createSlackChat(createSlackWebClient(slackConfig), silentLogger, { channelIntervalMs: 0 });
    started = await startWatcher({
      config,
      client,
      chat,
      clock,
      logger: silentLogger,
      hooks: watcherHooks(kit),
    });
    observeWatcher(kit, started);
    health = await startHealthServer(kit.routes(), { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await health.stop();
    await started.schedule.stop();
    await started.protection?.schedule.stop();
    await started.digest?.schedule.stop();
    await started.leadership.stop();
    await started.store.close();
    await client.close();
    await relay.cut();
    await database.drop();
    await slack.stop();
    await sim.stop();
  });

  const scrape = async (): Promise<Sample[]> => parsePrometheusText((await kit.metrics.render()).body);
  const value = async (name: string, labels?: Record<string, string>) =>
    sampleValue(await scrape(), name, labels) ?? 0;
  const readyz = async () => {
    const response = await fetch(`http://127.0.0.1:${health.port}/readyz`);
    return { status: response.status, body: await response.text() };
  };

  it('counts the lease taken at start, and the poll the new leader runs at once', async () => {
    expect(started.leadership.isLeader()).toBe(true);
    expect(await value('veeam_bot_lease_renewals_total', { outcome: 'taken' })).toBe(1);
    await waitUntil(async () => (await value('veeam_bot_polls_total', { outcome: 'ok' })) === 1, {
      what: 'the poll run on taking the lease',
    });
    expect(await value('veeam_bot_poll_duration_seconds_count')).toBe(1);
    expect(await value('veeam_bot_leader')).toBe(1);
  });

  it('observes each poll’s duration and counts the sessions it decided about', async () => {
    const before = {
      polls: await value('veeam_bot_polls_total', { outcome: 'ok' }),
      durations: await value('veeam_bot_poll_duration_seconds_count'),
      decided: await value('veeam_bot_alerts_decided_total'),
    };
    sim.clock.advance(MINUTE);
    clock.advance(MINUTE);
    for (const jobName of ['Metrics One', 'Metrics Two']) {
      sim.createSession({
        type: 'BackupJobSession',
        jobName,
        state: 'Stopped',
        result: 'Failed',
        creationTime: new Date(sim.clock.now() - 10 * MINUTE).toISOString(),
        endTime: new Date(sim.clock.now()).toISOString(),
      });
    }
    await started.schedule.runNow();

    expect(slack.messages.filter((m) => m.metadata?.event_type === 'veeam_alert')).toHaveLength(2);
    expect(await value('veeam_bot_polls_total', { outcome: 'ok' })).toBe(before.polls + 1);
    expect(await value('veeam_bot_poll_duration_seconds_count')).toBe(before.durations + 1);
    expect(await value('veeam_bot_alerts_decided_total')).toBe(before.decided + 2);
    expect(await value('veeam_bot_alerts_pending')).toBe(0);
  });

  it('counts each protection check and each digest check', async () => {
    const protection = await value('veeam_bot_protection_checks_total');
    const digests = await value('veeam_bot_digest_checks_total');
    await started.protection!.schedule.runNow();
    expect(await value('veeam_bot_protection_checks_total')).toBe(protection + 1);
    await started.digest!.schedule.runNow();
    // The digest's own schedule is every minute: a minute boundary passing here may add one.
    expect(await value('veeam_bot_digest_checks_total')).toBeGreaterThanOrEqual(digests + 1);
  });

  it('counts a failed poll by its error code, and observes its duration too', async () => {
    const durations = await value('veeam_bot_poll_duration_seconds_count');
    const errorsBefore = (await scrape()).filter((s) => s.name === 'veeam_bot_poll_errors_total');
    expect(errorsBefore.reduce((sum, s) => sum + s.value, 0)).toBe(0);
    sim.setFaults({ status: 500, paths: '^/api/query' });
    try {
      await started.schedule.runNow();
    } finally {
      sim.clearFaults();
    }

    const errors = (await scrape()).filter((s) => s.name === 'veeam_bot_poll_errors_total');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.value).toBe(1);
    expect(Object.values(ErrorCode)).toContain(errors[0]?.labels['code']);
    expect(await value('veeam_bot_polls_total', { outcome: 'error' })).toBe(1);
    expect(await value('veeam_bot_poll_duration_seconds_count')).toBe(durations + 1);
  });

  it('answers /readyz 503 naming the store (and only it) once PostgreSQL is out of reach', async () => {
    await started.schedule.runNow(); // EM answers again: its part is ready
    expect(await readyz()).toEqual({ status: 200, body: 'ready\n' });

    await relay.cut();

    const down = await readyz();
    expect(down.status).toBe(503);
    const lines = down.body.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^store: \S/);
    expect(down.body).not.toContain(String(relay.port));
  });
});
