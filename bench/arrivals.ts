import type { FakeSlack, StoredMessage } from '../test/helpers/fake-slack.js';

const SAMPLE_MS = 5;

/** A message the fake Slack stored, stamped with when this process first saw it (5 ms resolution). */
export interface Arrival {
  message: StoredMessage;
  at: number;
}

/**
 * Stamps each message the fake stores (only successful posts are stored; 429s are not) with its arrival
 * time, by sampling the fake's message list every few milliseconds.
 */
export function trackArrivals(slack: FakeSlack): { arrivals: Arrival[]; stop(): void } {
  const arrivals: Arrival[] = [];
  const sample = () => {
    const now = Date.now();
    for (let i = arrivals.length; i < slack.messages.length; i += 1)
      arrivals.push({ message: slack.messages[i] as StoredMessage, at: now });
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    arrivals,
    stop: () => {
      clearInterval(timer);
      sample();
    },
  };
}

/** The alert key in a message's metadata (a session UID, or `batch:...` for a storm summary). */
export function alertKeyOf(message: StoredMessage): string | undefined {
  const key = message.metadata?.event_payload['key'];
  return typeof key === 'string' ? key : undefined;
}

/** Waits, polling every 20 ms, until the predicate holds; false if `timeoutMs` passed first. */
export async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
