import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * How long work waits for the server to go idle before it starts anyway, so a stream of requests cannot starve
 * it: Slack's own ack limit, past which a waiting request is lost to Slack whatever we do.
 */
const MAX_DEFER_MS = 3_000;

/** The HTTP requests the receiver has read but not yet answered, and a way to wait until there are none. */
export interface InFlightRequests {
  /** Counts a request until its response has been handed to the socket (or the socket closed). */
  track(request: IncomingMessage, response: ServerResponse): void;
  /** Requests received whose answer has not been sent yet. */
  count(): number;
  /** Resolves once no request is waiting for its answer, or after a bounded wait. */
  whenIdle(): Promise<void>;
}

/** Creates the in-flight tracker the work queue waits on, so acks leave before command work runs. */
export function createInFlightRequests(maxDeferMs = MAX_DEFER_MS): InFlightRequests {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const release = () => {
    const released = waiters;
    waiters = [];
    released.forEach((resolve) => resolve());
  };
  const waitForZero = (timeoutMs: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== wake);
        resolve();
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      waiters.push(wake);
    });
  return {
    track: (_request, response) => {
      inFlight += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        inFlight -= 1;
        if (inFlight === 0) release();
      };
      response.once('finish', finish);
      response.once('close', finish);
    },
    count: () => inFlight,
    whenIdle: async () => {
      const deadline = Date.now() + maxDeferMs;
      // Idle means nothing in flight across one more I/O phase: the requests of a burst arrive over several.
      for (;;) {
        if (inFlight === 0) {
          await new Promise((resolve) => setImmediate(resolve));
          if (inFlight === 0) return;
        }
        const left = deadline - Date.now();
        if (left <= 0) return;
        await waitForZero(left);
      }
    },
  };
}

/** Wraps a request listener so every request is tracked from the moment it is read. */
export function trackInFlight(listener: RequestListener, inFlight: InFlightRequests): RequestListener {
  return (request, response) => {
    inFlight.track(request, response);
    return listener(request, response);
  };
}
