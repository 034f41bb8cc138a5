import pLimit from 'p-limit';

/** Runs command and button work after the ack, a few at a time. */
export type WorkQueue = <T>(work: () => Promise<T>) => Promise<T>;

/** Resolves when no request is waiting for its ack (the HTTP receiver's in-flight tracker). */
export type WhenIdle = () => Promise<void>;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Acks are cheap and must leave within Slack's 3 s whatever else happens; the work after them (EM requests,
 * XML, views, response_url) is not. Running at most `concurrency` pieces of work at once keeps a burst of
 * commands from queueing new acks behind a crowd of parses on the one event loop, and each piece starts only
 * once every request already read has been acked (`whenIdle`).
 */
export function createWorkQueue(
  concurrency: number,
  whenIdle: WhenIdle = () => Promise.resolve(),
): WorkQueue {
  const limit = pLimit(concurrency);
  // setImmediate runs after the event loop's I/O phase, so requests already waiting on their sockets are read
  // (and counted in flight) before we ask whether the server is idle.
  return (work) =>
    limit(async () => {
      await yieldToIo();
      await whenIdle();
      return work();
    });
}
