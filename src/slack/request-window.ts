import type { IncomingMessage, RequestListener } from 'node:http';

/** Slack's replay window: a signed request more than 5 minutes from our clock either way is refused. */
export const REQUEST_WINDOW_SECONDS = 5 * 60;

/**
 * True when a request's `X-Slack-Request-Timestamp` is missing (Bolt's own check refuses that) or lies within
 * the window around `nowMs`. Bolt refuses old timestamps only; a request signed for the future would stay
 * replayable until then.
 */
export function isWithinWindow(request: IncomingMessage, nowMs: number): boolean {
  const header = request.headers['x-slack-request-timestamp'];
  if (header === undefined) return true;
  const timestamp = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isFinite(timestamp)) return true;
  return Math.abs(Math.floor(nowMs / 1000) - timestamp) <= REQUEST_WINDOW_SECONDS;
}

/** Wraps a receiver's request listener: a timestamp outside the window is answered 401 before Bolt reads it. */
export function guardRequestWindow(
  listener: RequestListener,
  onRefused: (timestamp: string) => void,
  now: () => number = Date.now,
): RequestListener {
  return (request, response) => {
    if (isWithinWindow(request, now())) return listener(request, response);
    onRefused(String(request.headers['x-slack-request-timestamp']));
    // Bolt answers a refused signature the same way: 401 and no body.
    response.writeHead(401).end();
  };
}
