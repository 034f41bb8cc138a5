import pLimit from 'p-limit';

/** Runs command and button work after the ack, a few at a time. */
export type WorkQueue = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Acks are cheap and must leave within Slack's 3 s whatever else happens; the work after them (EM requests,
 * XML, views, response_url) is not. Running at most `concurrency` pieces of work at once keeps a burst of
 * commands from queueing new acks behind a crowd of parses on the one event loop.
 */
export function createWorkQueue(concurrency: number): WorkQueue {
  const limit = pLimit(concurrency);
  // Start the work after the requests already waiting on their sockets were read and acked (setImmediate
  // runs after the event loop's I/O phase), so a burst of commands is acked before any of them is worked on.
  return (work) =>
    limit(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return work();
    });
}
