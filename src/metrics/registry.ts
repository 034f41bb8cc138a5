import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric name starts with this, process metrics included. */
export const METRIC_PREFIX = 'veeam_bot_';

/**
 * The bot's metrics, behind plain recording functions (the only file that imports prom-client). Labels hold
 * our own bounded words only (outcomes, error codes, Slack method names and codes, route templates), never
 * an EM string, an ID or a secret.
 */
export interface Metrics {
  /** One finished poll: its outcome, how long it took, how many new sessions it decided about. */
  poll(event: { ok: boolean; ms: number; decided: number; errorCode?: string }): void;
  /** One EM request attempt answered (or failed before an answer: status `error`). */
  emResponse(event: { route: string; status: string; ms: number }): void;
  /** An alert message posted, or refused by Slack with `code`. */
  alertPosted(): void;
  alertFailed(code: string): void;
  /** One Slack Web API call through the chat port, and whether it worked. */
  slackCall(method: string, outcome: 'ok' | 'error'): void;
  /** Slack answered 429 to `method`. */
  slackRateLimited(method: string): void;
  /** One attempt to take or renew the watcher lease. */
  leaseRenewal(outcome: string): void;
  protectionCheck(): void;
  digestCheck(): void;
  /** What the gauges read at each scrape: this replica leads, how many alerts are pending. */
  observe(sources: { isLeader(): boolean; pendingAlerts(): number }): void;
  /** The Prometheus text exposition, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Builds a registry of its own (tests build several in one process) with the default process metrics. */
export function createMetrics(): Metrics {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: METRIC_PREFIX });
  const m = buildInstruments(register);
  let sources: { isLeader(): boolean; pendingAlerts(): number } | undefined;
  return {
    poll: ({ ok, ms, decided, errorCode }) => {
      m.polls.inc({ outcome: ok ? 'ok' : 'error' });
      m.pollSeconds.observe(ms / 1000);
      if (decided > 0) m.decided.inc(decided);
      if (!ok) m.pollErrors.inc({ code: errorCode ?? 'unknown' });
    },
    emResponse: ({ route, status, ms }) => m.emSeconds.observe({ route, status }, ms / 1000),
    alertPosted: () => m.posted.inc(),
    alertFailed: (code) => m.failed.inc({ code }),
    slackCall: (method, outcome) => m.slackCalls.inc({ method, outcome }),
    slackRateLimited: (method) => m.slack429.inc({ method }),
    leaseRenewal: (outcome) => m.lease.inc({ outcome }),
    protectionCheck: () => m.protection.inc(),
    digestCheck: () => m.digests.inc(),
    observe: (next) => {
      sources = next;
    },
    render: async () => {
      m.leader.set(sources === undefined || sources.isLeader() ? 1 : 0);
      m.pending.set(sources?.pendingAlerts() ?? 0);
      return { contentType: register.contentType, body: await register.metrics() };
    },
  };
}

function buildInstruments(register: Registry) {
  const registers = [register];
  const p = METRIC_PREFIX;
  return {
    polls: new Counter({
      name: `${p}polls_total`,
      help: 'Watcher polls, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    pollSeconds: new Histogram({
      name: `${p}poll_duration_seconds`,
      help: 'Watcher poll duration',
      registers,
    }),
    pollErrors: new Counter({
      name: `${p}poll_errors_total`,
      help: 'Failed polls, by error code',
      labelNames: ['code'],
      registers,
    }),
    emSeconds: new Histogram({
      name: `${p}em_request_duration_seconds`,
      help: 'Enterprise Manager request latency, by route template and status',
      labelNames: ['route', 'status'],
      registers,
    }),
    decided: new Counter({
      name: `${p}alerts_decided_total`,
      help: 'New sessions the watcher decided about',
      registers,
    }),
    posted: new Counter({ name: `${p}alerts_posted_total`, help: 'Alert messages posted', registers }),
    pending: new Gauge({ name: `${p}alerts_pending`, help: 'Alerts decided and not yet posted', registers }),
    failed: new Counter({
      name: `${p}alerts_failed_total`,
      help: 'Alert posts Slack refused, by Slack code',
      labelNames: ['code'],
      registers,
    }),
    slackCalls: new Counter({
      name: `${p}slack_api_calls_total`,
      help: 'Slack Web API calls through the chat port, by method and outcome',
      labelNames: ['method', 'outcome'],
      registers,
    }),
    slack429: new Counter({
      name: `${p}slack_rate_limited_total`,
      help: 'Slack 429 answers, by method',
      labelNames: ['method'],
      registers,
    }),
    leader: new Gauge({
      name: `${p}leader`,
      help: '1 when this replica holds the watcher lease, else 0',
      registers,
    }),
    lease: new Counter({
      name: `${p}lease_renewals_total`,
      help: 'Watcher lease attempts, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    protection: new Counter({
      name: `${p}protection_checks_total`,
      help: 'Protection checks run',
      registers,
    }),
    digests: new Counter({ name: `${p}digest_checks_total`, help: 'Digest checks run', registers }),
  };
}
