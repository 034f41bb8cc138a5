import { pino } from 'pino';

/** The logging interface every part receives; structured fields first, message second (pino's order). */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
  child(bindings: object): Logger;
}

/** Paths pino blanks out wherever they appear in a log line, so a secret can never be logged by accident. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-restsvcsessionid"]',
  '*.headers["x-restsvcsessionid"]',
  'config.VEEAM_PASSWORD',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_APP_TOKEN',
  'config.SLACK_SIGNING_SECRET',
];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Builds the process logger: JSON lines on stderr, so stdout stays free for the console stand-in. */
export function createLogger(options: { level: LogLevel; destination?: NodeJS.WritableStream }): Logger {
  const destination = options.destination ?? process.stderr;
  return pino(
    { level: options.level, redact: { paths: REDACTED_PATHS, censor: '***' }, base: undefined },
    destination,
  );
}

/** A logger that drops everything; for tests where logging is not the subject. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
