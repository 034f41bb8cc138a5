import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../shared/logger.js';
import type { InFlightRequests } from './in-flight.js';
import { trackInFlight } from './in-flight.js';
import { guardRequestWindow } from './request-window.js';

/** How long an idle keep-alive connection stays open (Node's default; Slack opens fresh ones anyway). */
const KEEP_ALIVE_MS = 5_000;

/** The limits of the receiver's HTTP server. */
export interface HttpLimits {
  /** Time a client has to send a whole request, headers and body. */
  requestTimeoutMs: number;
  /** Connections open at once; the server refuses more until some close. */
  maxConnections: number;
}

/**
 * Bolt's HTTP receiver (signature checks, /slack/events) with our request-window check in front of it: Bolt
 * refuses timestamps older than 5 minutes but not ones in the future. With `inFlight`, every request is counted
 * until its answer is sent, so the work queue can let acks go first.
 */
export function createHttpReceiver(options: {
  signingSecret: string;
  boltLogger: BoltLogger;
  logger: Logger;
  now?: () => number;
  inFlight?: InFlightRequests;
  /** GET routes served next to /slack/events (the health endpoints), by path. */
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => void>;
}): HTTPReceiver {
  const customRoutes = Object.entries(options.routes ?? {}).map(([path, handler]) => ({
    path,
    method: 'GET',
    handler,
  }));
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    logger: options.boltLogger,
    customRoutes,
  });
  receiver.requestListener = guardRequestWindow(
    receiver.requestListener,
    (timestamp) =>
      options.logger.warn(
        { timestamp },
        'refused a Slack request whose timestamp is outside the 5-minute window',
      ),
    options.now,
  );
  if (options.inFlight) receiver.requestListener = trackInFlight(receiver.requestListener, options.inFlight);
  return receiver;
}

/**
 * Server options that cut slow clients: a request (headers and body) must arrive within the timeout, checked
 * often enough that a cut comes soon after it (Node checks every 30 s by default).
 */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: Math.min(KEEP_ALIVE_MS, limits.requestTimeoutMs),
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.requestTimeoutMs / 4))),
  };
}

/** Caps the server's open connections, so a crowd of idle sockets cannot use up the process's file handles. */
export function capConnections(server: Server, limits: HttpLimits): void {
  server.maxConnections = limits.maxConnections;
}
