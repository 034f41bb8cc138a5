import { Writable } from 'node:stream';
import { createLogger, type Logger, type LogLevel } from '../../src/shared/logger.js';

/** A real logger whose JSON lines the test can read back. */
export interface CapturingLogger {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines: Array<Record<string, unknown>>;
  /** Every line written so far, as written. */
  text(): string;
}

/** Our pino logger (redaction included) writing into memory instead of stdout. */
export function createCapturingLogger(level: LogLevel = 'info'): CapturingLogger {
  const lines: Array<Record<string, unknown>> = [];
  let written = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString('utf8');
      written += line;
      lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => written };
}
