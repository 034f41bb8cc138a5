import type { DigestRecord } from '../watcher/state.js';
import { localDate, zonedInstant } from './local-time.js';

/** Past this much after DIGEST_TIME a digest is marked late (a poll or two of delay is not "late"). */
export const LATE_AFTER_MS = 10 * 60_000;

/** Where the digest schedule stands for one channel now. */
export interface DigestDue {
  /** The local date the digest is for. */
  date: string;
  scheduledMs: number;
  late: boolean;
  /** A pending record of this date exists: look for the message before posting again. */
  settle: boolean;
}

/**
 * Whether a channel's digest is due now: today's local DIGEST_TIME has passed and today's digest is not sent.
 * Only today's is ever due (a bot back the next day does not post yesterday's), and not at all on a day the bot
 * first started after DIGEST_TIME: that bot waits for tomorrow. Pure: the clock and the record are inputs.
 */
export function digestDue(input: {
  nowMs: number;
  timeZone: string;
  time: string;
  /** When the bot first ran (the watcher state's firstStartedAt); null before its first poll. */
  firstStartedAt: number | null;
  record: DigestRecord | undefined;
}): DigestDue | undefined {
  const date = localDate(input.nowMs, input.timeZone);
  const scheduledMs = zonedInstant(date, input.time, input.timeZone);
  if (input.nowMs < scheduledMs) return undefined;
  if (input.record?.status === 'sent') return undefined;
  if (input.firstStartedAt === null || input.firstStartedAt > scheduledMs) return undefined;
  return {
    date,
    scheduledMs,
    late: input.nowMs - scheduledMs > LATE_AFTER_MS,
    settle: input.record?.status === 'pending',
  };
}

/** The state key of one channel's digest of one day. */
export function digestKey(channel: string, date: string): string {
  return `${channel}|${date}`;
}

/** The metadata key the digest message carries, so a restart finds it in the channel history. */
export function digestMessageKey(date: string): string {
  return `digest:${date}`;
}
