import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics/registry.js';
import { checkReadiness, type ReadinessPart } from './readiness.js';

/** The paths the health handler answers. */
export const HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

/** What the endpoints read: the metrics and the parts readiness depends on. */
export interface HealthDeps {
  metrics: Metrics;
  parts: readonly ReadinessPart[];
}

/** A request handler for one health path (Bolt's custom routes and the health server share it). */
export type HealthHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The handlers by path: /healthz answers 200 while the process runs; /readyz 200 when every part is ready, else
 * 503 naming the failing parts; /metrics the Prometheus text.
 */
export function createHealthRoutes(deps: HealthDeps): Record<(typeof HEALTH_PATHS)[number], HealthHandler> {
  return {
    '/healthz': (_request, response) => send(response, 200, 'text/plain; charset=utf-8', 'ok\n'),
    '/readyz': (_request, response) => {
      void checkReadiness(deps.parts).then((readiness) => {
        const body = readiness.ready
          ? 'ready\n'
          : readiness.failing.map(({ part, reason }) => `${part}: ${reason}\n`).join('');
        send(response, readiness.ready ? 200 : 503, 'text/plain; charset=utf-8', body);
      });
    },
    '/metrics': (_request, response) => {
      deps.metrics.render().then(
        ({ contentType, body }) => send(response, 200, contentType, body),
        (error: unknown) => send(response, 500, 'text/plain; charset=utf-8', `${String(error)}\n`),
      );
    },
  };
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body);
}
