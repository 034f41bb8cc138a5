import { emRouteTemplate } from '../metrics/em-route.js';
import type { Metrics } from '../metrics/registry.js';
import { createEmReachability, type ReadinessPart } from './readiness.js';
import { createHealthRoutes, type HealthHandler } from './routes.js';

/** A replica that has not talked to EM for this long asks it (GET /api/) when a probe comes. */
const EM_STALE_MS = 60_000;

/** One EM attempt as the transport reports it (HttpTransportOptions.onResponse). */
export interface EmAttempt {
  method: string;
  pathname: string;
  status: number | undefined;
  ms: number;
}

/** The health parts the composition root collects as it builds the bot, then serves. */
export interface HealthKit {
  metrics: Metrics;
  /** The EM transport's onResponse: latency by route template, and EM's reachability. */
  onEmResponse(attempt: EmAttempt): void;
  /** The cheap EM call an idle replica makes to check reachability. */
  setEmProbe(probe: () => Promise<unknown>): void;
  addPart(part: ReadinessPart): void;
  routes(): Record<string, HealthHandler>;
}

/** Builds the kit: metrics, EM reachability (always a readiness part), and the parts added later. */
export function createHealthKit(metrics: Metrics, now: () => number): HealthKit {
  let probe: () => Promise<unknown> = async () => undefined;
  const em = createEmReachability({ probe: () => probe(), now, staleMs: EM_STALE_MS });
  const parts: ReadinessPart[] = [em.part];
  return {
    metrics,
    onEmResponse: ({ pathname, status, ms }) => {
      em.record(status);
      metrics.emResponse({
        route: emRouteTemplate(pathname),
        status: status === undefined ? 'error' : String(status),
        ms,
      });
    },
    setEmProbe: (next) => {
      probe = next;
    },
    addPart: (part) => {
      parts.push(part);
    },
    routes: () => createHealthRoutes({ metrics, parts }),
  };
}
