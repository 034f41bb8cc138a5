import { isValidSchedule } from '../shared/scheduler.js';
import { z } from 'zod';
import { parseDuration } from '../shared/duration.js';

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());
const booleanText = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v))),
  );
const duration = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        const parsed = parseDuration(v ?? fallback);
        if (parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: 'must be a duration such as 90s, 15m, 24h or 7d' });
          return z.NEVER;
        }
        return parsed;
      }),
  );
const list = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .optional()
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    ),
);
const httpUrl = z.preprocess(
  emptyToUndefined,
  z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
);

/** A node-cron expression (five fields, or six with seconds), checked here so a typo stops the start. */
const cronExpression = optionalText.refine((v) => v === undefined || isValidSchedule(v), {
  message: 'is not a cron expression (five fields, or six with seconds)',
});

const percent = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(100).default(fallback));
/** True when the runtime knows the IANA zone name. */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    // An unknown zone is a RangeError: that is the answer.
    return false;
  }
}

export const WATCHABLE_KINDS = ['backup', 'replica', 'cdp', 'cdptask', 'failover'] as const;
export type WatchableKind = (typeof WATCHABLE_KINDS)[number];

/** The environment variables the bot reads; every one is listed with a comment in `.env.example`. */
export const envSchema = z.object({
  VEEAM_URL: httpUrl,
  VEEAM_USERNAME: optionalText,
  VEEAM_PASSWORD: optionalText,
  VEEAM_CA_FILE: optionalText,
  VEEAM_TLS_INSECURE: booleanText(false),
  VEEAM_TIMEOUT: duration('10s'),
  VEEAM_RETRY_DELAY: duration('500ms'),
  EM_MAX_RESPONSE_BYTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'must be a number of bytes' })
      .int({ message: 'must be a whole number of bytes' })
      .min(65_536, { message: 'must be at least 65536 (64 KB)' })
      .default(32 * 1024 * 1024),
  ),
  EM_WEB_URL: httpUrl,
  SLACK_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().startsWith('xoxb-', { message: 'must be a bot token starting with xoxb-' }).optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().startsWith('xapp-', { message: 'must be an app-level token starting with xapp-' }).optional(),
  ),
  SLACK_API_URL: httpUrl,
  SLACK_POST_INTERVAL: duration('1.1s'),
  SLACK_TIMEOUT: duration('15s'),
  SLACK_RETRY_DELAY: duration('500ms'),
  SLACK_RATE_LIMIT_WAIT: duration('1s'),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HTTP_REQUEST_TIMEOUT: duration('5s'),
  HTTP_MAX_CONNECTIONS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(256)),
  ALERT_CHANNEL: optionalText,
  ALERT_MENTION: optionalText,
  ALERT_MENTION_WARNING: optionalText,
  ALERT_BACKFILL: duration('0'),
  ALERT_RETRY_GRACE: duration('0'),
  ALLOWED_CHANNELS: list,
  ALLOWED_USERS: list,
  OPERATORS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const ids = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = ids.find((id) => !/^[UWS][A-Z0-9]{2,30}$/.test(id));
        if (bad !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `"${bad}" is not a Slack user (U…) or user-group (S…) ID`,
          });
          return z.NEVER;
        }
        return ids;
      }),
  ),
  JOB_ACTIONS: z.preprocess(
    emptyToUndefined,
    z.enum(['on', 'off'], { message: 'must be on or off' }).optional(),
  ),
  ACTION_SIGNING_KEY: optionalText,
  WATCH_SCHEDULE: cronExpression,
  WATCH_LOOKBACK: duration('1h'),
  WATCH_TYPES: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(WATCHABLE_KINDS.join(','))
      .transform((v, ctx) => {
        const kinds = v.split(',').map((s) => s.trim().toLowerCase());
        const unknown = kinds.filter((k) => !(WATCHABLE_KINDS as readonly string[]).includes(k));
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown kind ${unknown.join(', ')}; use ${WATCHABLE_KINDS.join(', ')}`,
          });
          return z.NEVER;
        }
        return kinds as WatchableKind[];
      }),
  ),
  WATCH_PROTECTION: booleanText(true),
  PROTECTION_SCHEDULE: cronExpression,
  PROTECTION_JOBS: z.preprocess(emptyToUndefined, z.string().trim().max(200).default('*')),
  MISSED_RUN_GRACE: duration('30m'),
  RPO_DEFAULT: duration('0'),
  REPO_WARN_PERCENT: percent(15),
  REPO_CRIT_PERCENT: percent(5),
  OUTAGE_NOTICE_AFTER: duration('15m'),
  STORM_THRESHOLD: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(5)),
  DIGEST_TIME: optionalText
    .refine((v) => v === undefined || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), {
      message: 'must be HH:MM (24-hour)',
    })
    .transform((v) => v ?? '08:00'),
  DIGEST_TZ: optionalText.refine((v) => v === undefined || isTimeZone(v), {
    message: 'must be an IANA time zone name such as Europe/Berlin',
  }),
  DIGEST_CHANNELS: list,
  DEMO_DIGEST_AFTER: duration('60s'),
  DATA_FILE: optionalText,
  STATE_URL: z.preprocess(
    emptyToUndefined,
    z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional(),
  ),
  PGSSLMODE: z.preprocess(
    emptyToUndefined,
    z.enum(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']).optional(),
  ),
  STATE_CA_FILE: optionalText,
  LEASE_TTL: duration('30s'),
  HEALTH_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3001)),
  HEALTH_HOST: z.preprocess(emptyToUndefined, z.string().trim().default('127.0.0.1')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;
