import { createHmac, randomBytes } from 'node:crypto';
import { ConfigError } from '../shared/errors.js';
import type { LogLevel } from '../shared/logger.js';
import { envSchema, type Env, type WatchableKind } from './schema.js';

export const DEFAULT_DATA_FILE = './data/state.json';

/** Where the bot gets its data and where it talks: see README "Modes". */
export type Mode = 'local-demo' | 'console-em' | 'slack';

export interface EmConfig {
  /** The API base, always ending in `/api/`. Undefined in local-demo mode (the embedded simulator supplies it). */
  url: string | undefined;
  username: string | undefined;
  password: string | undefined;
  caFile: string | undefined;
  tlsInsecure: boolean;
  timeoutMs: number;
  /** VEEAM_RETRY_DELAY: the first retry's delay; each later one doubles it, up to 8 times it. */
  retryDelayMs: number;
  /** EM_MAX_RESPONSE_BYTES: the largest EM body accepted; a larger one is aborted while it streams in. */
  maxResponseBytes: number;
  webUrl: string | undefined;
}

export interface SlackConfig {
  botToken: string | undefined;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  /** Minimum gap between two alerts posted to one channel (Slack allows about one message per second). */
  postIntervalMs: number;
  /** How long one Web API call may take before it is retried. */
  timeoutMs: number;
  /** The first retry's delay; each later one doubles it, up to 16 times it. */
  retryDelayMs: number;
  /** The longest 429 Retry-After waited out inline; a longer one leaves that channel's alerts pending. */
  rateLimitWaitMs: number;
  port: number;
  /** HTTP mode: time a client has to send a request's headers and body (Slack sends small bodies at once). */
  requestTimeoutMs: number;
  /** HTTP mode: open connections the receiver accepts at once; more are refused until some close. */
  maxConnections: number;
  allowedChannels: readonly string[] | undefined;
  allowedUsers: readonly string[] | undefined;
}

export interface WatcherConfig {
  schedule: string;
  lookbackMs: number;
  kinds: readonly WatchableKind[];
  alertChannel: string | undefined;
  mentionFailed: string | undefined;
  mentionWarning: string | undefined;
  backfillMs: number;
  retryGraceMs: number;
  outageNoticeAfterMs: number;
  stormThreshold: number;
}

/** The protection loop (missed runs, stale restore points, repository space): see README "Protection alerts". */
export interface ProtectionConfig {
  enabled: boolean;
  schedule: string;
  /** PROTECTION_JOBS: a job glob; `*` watches every scheduled job. */
  jobs: string;
  missedRunGraceMs: number;
  /** RPO_DEFAULT; undefined when unset (RPOs are then learned). */
  rpoDefaultMs: number | undefined;
  repoWarnPercent: number;
  repoCritPercent: number;
  /**
   * Breaches that started this long before the first start are alerted one by one instead of summarised:
   * ALERT_BACKFILL, or in the demo 30 days (so a newcomer sees one alert of each kind at once).
   */
  backfillMs: number;
}

/** The daily digest: when, in which zone, and where (no channels: off). */
export interface DigestConfig {
  /** `HH:MM`, 24-hour, in `timeZone`. */
  time: string;
  /** An IANA zone name. */
  timeZone: string;
  channels: readonly string[];
  /** The local demo posts one digest this long after start (DEMO_DIGEST_AFTER), so a newcomer sees it. */
  demoAfterMs: number;
}

/** The PostgreSQL state store and the watcher lease. */
export interface StateConfig {
  connectionString: string;
  sslMode: string | undefined;
  caFile: string | undefined;
  leaseTtlMs: number;
}

export interface Config {
  mode: Mode;
  digest: DigestConfig;
  em: EmConfig;
  slack: SlackConfig;
  watcher: WatcherConfig;
  protection: ProtectionConfig;
  /** The lowdb state file; undefined in the local demo unless DATA_FILE is set (its state then lives in memory). */
  dataFile: string | undefined;
  /** STATE_URL and friends: the state on PostgreSQL, shared by replicas; undefined keeps DATA_FILE. */
  state: StateConfig | undefined;
  /** Where /healthz, /readyz and /metrics listen in Socket Mode and the console (HTTP mode uses PORT). */
  health: { port: number; host: string };
  logLevel: LogLevel;
  /**
   * OPERATORS: Slack user (U…) and user-group (S…) IDs who may make wide or lasting routing changes;
   * undefined when unset (then everyone may, as before the variable existed).
   */
  operators: readonly string[] | undefined;
  jobActions: JobActionsConfig;
}

/** JOB_ACTIONS and the key that signs the confirmation tokens of its modals. */
export interface JobActionsConfig {
  /** JOB_ACTIONS=on (default off; on in the local demo). */
  enabled: boolean;
  /** ACTION_SIGNING_KEY, or one derived from the Slack secrets so replicas share it; never logged. */
  signingKey: string;
}

/** Reads and validates the environment once; throws a ConfigError whose message is one line naming the variable. */
export function loadConfig(environment: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`${variable} ${issue?.message ?? 'is invalid'}`);
  }
  const env = parsed.data;
  checkCombinations(env);
  const mode = pickMode(env);
  return deepFreeze({
    mode,
    em: {
      url: env.VEEAM_URL === undefined ? undefined : normalizeApiBase(env.VEEAM_URL),
      username: env.VEEAM_USERNAME,
      password: env.VEEAM_PASSWORD,
      caFile: env.VEEAM_CA_FILE,
      tlsInsecure: env.VEEAM_TLS_INSECURE,
      timeoutMs: env.VEEAM_TIMEOUT,
      retryDelayMs: env.VEEAM_RETRY_DELAY,
      maxResponseBytes: env.EM_MAX_RESPONSE_BYTES,
      webUrl: env.EM_WEB_URL,
    },
    slack: {
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      apiUrl: env.SLACK_API_URL,
      postIntervalMs: env.SLACK_POST_INTERVAL,
      timeoutMs: env.SLACK_TIMEOUT,
      retryDelayMs: env.SLACK_RETRY_DELAY,
      rateLimitWaitMs: env.SLACK_RATE_LIMIT_WAIT,
      port: env.PORT,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT,
      maxConnections: env.HTTP_MAX_CONNECTIONS,
      allowedChannels: env.ALLOWED_CHANNELS,
      allowedUsers: env.ALLOWED_USERS,
    },
    watcher: {
      // The demo polls every 5 s so alerts show up quickly; a real EM every minute unless told otherwise.
      schedule: env.WATCH_SCHEDULE ?? (mode === 'local-demo' ? '*/5 * * * * *' : '0 * * * * *'),
      lookbackMs: env.WATCH_LOOKBACK,
      kinds: env.WATCH_TYPES,
      // In the console there is one screen; the name only labels where an alert would have gone.
      alertChannel: env.ALERT_CHANNEL ?? (mode === 'slack' ? undefined : 'alerts'),
      mentionFailed: env.ALERT_MENTION,
      mentionWarning: env.ALERT_MENTION_WARNING,
      backfillMs: env.ALERT_BACKFILL,
      retryGraceMs: env.ALERT_RETRY_GRACE,
      outageNoticeAfterMs: env.OUTAGE_NOTICE_AFTER,
      stormThreshold: env.STORM_THRESHOLD,
    },
    protection: {
      enabled: env.WATCH_PROTECTION,
      // The demo checks every 10 s so its breaches show within the first minute; a real EM every 15 minutes.
      schedule: env.PROTECTION_SCHEDULE ?? (mode === 'local-demo' ? '*/10 * * * * *' : '0 */15 * * * *'),
      jobs: env.PROTECTION_JOBS,
      missedRunGraceMs: env.MISSED_RUN_GRACE,
      rpoDefaultMs: env.RPO_DEFAULT > 0 ? env.RPO_DEFAULT : undefined,
      repoWarnPercent: env.REPO_WARN_PERCENT,
      repoCritPercent: Math.min(env.REPO_CRIT_PERCENT, env.REPO_WARN_PERCENT),
      backfillMs: env.ALERT_BACKFILL > 0 || mode !== 'local-demo' ? env.ALERT_BACKFILL : 30 * 24 * 3_600_000,
    },
    digest: digestConfig(env, env.ALERT_CHANNEL ?? (mode === 'slack' ? undefined : 'alerts')),
    dataFile: env.DATA_FILE ?? (mode === 'local-demo' ? undefined : DEFAULT_DATA_FILE),
    state:
      env.STATE_URL === undefined
        ? undefined
        : {
            connectionString: env.STATE_URL,
            sslMode: env.PGSSLMODE,
            caFile: env.STATE_CA_FILE,
            leaseTtlMs: env.LEASE_TTL,
          },
    health: { port: env.HEALTH_PORT, host: env.HEALTH_HOST },
    // The console shares the terminal with the logs (on stderr): keep them to warnings unless asked.
    logLevel: env.LOG_LEVEL ?? (mode === 'slack' ? 'info' : 'warn'),
    operators: env.OPERATORS,
    jobActions: {
      enabled: (env.JOB_ACTIONS ?? (mode === 'local-demo' ? 'on' : 'off')) === 'on',
      signingKey: actionSigningKey(env),
    },
  });
}

/** DIGEST_CHANNELS, or the alert channel; `off` disables the digest. */
function digestConfig(env: Env, alertChannel: string | undefined): DigestConfig {
  const listed = env.DIGEST_CHANNELS ?? (alertChannel ? [alertChannel] : []);
  const off = listed.length === 1 && listed[0]?.toLowerCase() === 'off';
  return {
    time: env.DIGEST_TIME,
    timeZone: env.DIGEST_TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    channels: off ? [] : listed,
    demoAfterMs: env.DEMO_DIGEST_AFTER,
  };
}

/**
 * ACTION_SIGNING_KEY, else an HMAC of the Slack signing secret (or bot token), so every replica derives the same
 * key without one more secret to share; a process-local random key when there is no secret at all (the demo).
 */
function actionSigningKey(env: Env): string {
  if (env.ACTION_SIGNING_KEY !== undefined) return env.ACTION_SIGNING_KEY;
  const secret = env.SLACK_SIGNING_SECRET ?? env.SLACK_BOT_TOKEN;
  if (secret === undefined) return randomBytes(32).toString('hex');
  return createHmac('sha256', secret).update('veeam-slack-bot job action tokens').digest('hex');
}

function pickMode(env: Env): Mode {
  if (env.SLACK_BOT_TOKEN !== undefined) return 'slack';
  return env.VEEAM_URL === undefined ? 'local-demo' : 'console-em';
}

function checkCombinations(env: Env): void {
  if (env.VEEAM_URL !== undefined) {
    if (env.VEEAM_USERNAME === undefined)
      throw new ConfigError('VEEAM_USERNAME is required when VEEAM_URL is set');
    if (env.VEEAM_PASSWORD === undefined)
      throw new ConfigError('VEEAM_PASSWORD is required when VEEAM_URL is set');
  }
  if (env.SLACK_BOT_TOKEN !== undefined) {
    if (env.ALERT_CHANNEL === undefined) {
      throw new ConfigError(
        'ALERT_CHANNEL is required with Slack: the channel ID that gets alerts and outage notices',
      );
    }
    if (env.SLACK_APP_TOKEN === undefined && env.SLACK_SIGNING_SECRET === undefined) {
      throw new ConfigError(
        'SLACK_SIGNING_SECRET is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      );
    }
  } else if (env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined) {
    throw new ConfigError('SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  }
  if (env.VEEAM_CA_FILE !== undefined && env.VEEAM_TLS_INSECURE) {
    throw new ConfigError('VEEAM_TLS_INSECURE=true makes VEEAM_CA_FILE pointless; set only one of them');
  }
}

/** EM's API base always ends in `/api/`; accept `https://em:9398`, `…/api` and `…/api/` alike. */
export function normalizeApiBase(url: string): string {
  const parsed = new URL(url);
  let path = parsed.pathname.replace(/\/+$/, '');
  if (!/\/api$/i.test(path)) path = `${path}/api`;
  parsed.pathname = `${path}/`;
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

const SECRET_KEYS = new Set([
  'password',
  'botToken',
  'signingSecret',
  'appToken',
  'signingKey',
  'connectionString',
]);

/** The config as a plain object with every secret shown as `***`; safe to log. */
export function redactConfig(config: Config): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEYS.has(key) && inner !== undefined ? '***' : walk(inner),
      ]),
    );
  };
  return walk(config) as Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
