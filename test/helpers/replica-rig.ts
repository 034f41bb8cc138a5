import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { freshFolder, POLL_DONE, slackModeEnv, spawnBot, type BotProcess } from './bot-process.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { createDatabaseOn } from './postgres.js';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';
import { waitUntil } from './wait.js';
// @ts-expect-error a plain ES module of the test set-up, without types
import { startEmbeddedPostgres } from '../global/embedded-postgres.mjs';

/** The log line of a replica taking the watcher lease, and of one stepping down. */
export const TOOK = /"msg":"took the watcher lease/g;
export const LOST = /"msg":"lost the watcher lease/g;

/** One replica: the built bot, the Slack token only it uses (so the fake Slack tells replicas apart), its port. */
export interface Replica {
  bot: BotProcess;
  token: string;
  port: number;
  /** GET /metrics, parsed (throws when it is not Prometheus text). */
  metric(name: string, labels?: Record<string, string>): Promise<number | undefined>;
  /** Alert posts (veeam_alert metadata) the fake Slack received with this replica's token, at or after `since`. */
  alertPosts(since?: number): number;
  /** Any Web API call that posts or edits, with this replica's token, at or after `since`. */
  writesSince(since: number): number;
  isAlive(): boolean;
  isLeader(): boolean;
}

/** One takeover's times (ms since the kill or pause) and the replica that took over. */
export interface Takeover {
  tookMs: number;
  pollStartedMs: number;
  polledMs: number;
  by: Replica;
}

/** A PostgreSQL of its own (it is restarted mid-run), one simulator on a stepped clock, one fake Slack. */
export interface ReplicaRig {
  pg: { url: string; restart(): Promise<void> };
  sim: RunningSimulator;
  slack: FakeSlack;
  replicas: Replica[];
  start(): Promise<Replica>;
  alive(): Replica[];
  leader(): Replica | undefined;
  /**
   * Waits until a live replica other than `old` takes the lease and finishes a poll; ms from `since` to the take, to
   * the start of its first poll and to its end (both from the bot's own log: the line's time, less the poll's ms).
   */
  takeover(old: Replica, since: number): Promise<Takeover>;
  alertsFor(uid: string): number;
  stop(): Promise<void>;
}

/** Starts the rig; replicas poll every second, with LEASE_TTL `leaseTtlMs`. */
export async function startReplicaRig(leaseTtlMs: number): Promise<ReplicaRig> {
  const pg = (await startEmbeddedPostgres()) as ReplicaRig['pg'] & { stop(): Promise<void> };
  const database = await createDatabaseOn(pg.url);
  const sim = await startSimulator({
    history: 0,
    live: false,
    clock: { manual: true, startTime: Date.now() },
  });
  const slack = await startFakeSlack();
  const env = slackModeEnv(sim, slack.apiUrl, {
    STATE_URL: database.url,
    LEASE_TTL: `${leaseTtlMs}ms`,
    STORM_THRESHOLD: '100000',
    SLACK_POST_INTERVAL: '0',
    // The suite counts session alerts per replica: the protection summary and the digest stay off.
    WATCH_PROTECTION: 'false',
    DIGEST_CHANNELS: 'off',
    // EM's clock is stepped minutes ahead of ours in a minute, and the bot reads EM's times through the skew it
    // measures, which moves the start of news (first start + skew) with it: a backfill keeps every failure news.
    ALERT_BACKFILL: '10m',
  });
  const replicas: Replica[] = [];
  const alive = () => replicas.filter((r) => r.isAlive());
  const rig: ReplicaRig = {
    pg,
    sim,
    slack,
    replicas,
    async start() {
      const token = `xoxb-replica-${replicas.length + 1}`;
      const bot = spawnBot({ ...env, SLACK_BOT_TOKEN: token }, { cwd: freshFolder() });
      const replica = describeReplica(bot, token, slack);
      replicas.push(replica);
      const [, port] = await bot.waitFor(/"port":(\d+),"msg":"Slack app started"/, 20_000, 'stderr');
      replica.port = Number(port);
      return replica;
    },
    alive,
    leader: () => alive().find((r) => r.isLeader()),
    async takeover(old, since) {
      const before = new Map(replicas.map((r) => [r, r.bot.count(TOOK)]));
      const taker = () => alive().find((r) => r !== old && r.bot.count(TOOK) > (before.get(r) ?? 0));
      await waitUntil(() => taker() !== undefined, { timeoutMs: 30_000, what: () => leaseLines(replicas) });
      const tookMs = Date.now() - since;
      const by = taker()!;
      const polls = by.bot.count(POLL_DONE);
      await by.bot.waitForCount(POLL_DONE, polls + 1, 30_000);
      const line = by.bot
        .stderr()
        .split('\n')
        .filter((l) => l.includes('"msg":"poll done"'))[polls];
      const { time, ms } = JSON.parse(line ?? '{}') as { time?: number; ms?: number };
      if (time === undefined || ms === undefined) throw new Error(`no time in the poll line: ${line}`);
      return { tookMs, pollStartedMs: time - ms - since, polledMs: time - since, by };
    },
    alertsFor: (uid) => slack.messages.filter((m) => m.metadata?.event_payload['key'] === uid).length,
    async stop() {
      for (const r of replicas) await r.bot.kill();
      await slack.stop();
      await sim.stop();
      await pg.stop();
    },
  };
  return rig;
}

function describeReplica(bot: BotProcess, token: string, slack: FakeSlack): Replica {
  const mine = (since: number) => slack.calls.filter((c) => c.token === token && c.at >= since);
  const replica: Replica = {
    bot,
    token,
    port: 0,
    async metric(name, labels) {
      const response = await fetch(`http://127.0.0.1:${replica.port}/metrics`);
      return sampleValue(parsePrometheusText(await response.text()), name, labels);
    },
    alertPosts: (since = 0) =>
      mine(since).filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          (c.args['metadata'] as { event_type?: string } | undefined)?.event_type === 'veeam_alert',
      ).length,
    writesSince: (since) => mine(since).filter((c) => /^chat\.(postMessage|update)$/.test(c.method)).length,
    isAlive: () => bot.child.exitCode === null && bot.child.signalCode === null,
    isLeader: () => {
      const log = bot.stderr();
      return log.lastIndexOf('"msg":"took the watcher') > log.lastIndexOf('"msg":"lost the watcher');
    },
  };
  return replica;
}

function leaseLines(replicas: Replica[]): string {
  return replicas
    .map(
      (r) =>
        `${r.token}: ` +
        r.bot
          .stderr()
          .split('\n')
          .filter((l) => /lease|error/i.test(l) && !l.includes('configuration'))
          .slice(-6)
          .join('\n'),
    )
    .join('\n---\n');
}
