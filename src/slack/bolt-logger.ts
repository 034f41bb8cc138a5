import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../shared/logger.js';

/** Bolt's logger interface backed by our structured logger, so Bolt's lines land in the same JSON stream. */
export function createBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
      .join(' ');
  return {
    debug: (...parts) => logger.debug({ source: 'bolt' }, text(parts)),
    info: (...parts) => logger.info({ source: 'bolt' }, text(parts)),
    warn: (...parts) => logger.warn({ source: 'bolt' }, text(parts)),
    error: (...parts) => logger.error({ source: 'bolt' }, text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
