import { formatEmDate, parseEmDate } from '../util/dates.js';
import type { SimulatorCore } from '../sim-core.js';
import { ControlError } from './session-spec.js';
import { ESTATE_CONTROL_ROUTES } from './estate-control.js';

/** A control-API answer (always JSON). */
export interface ControlReply {
  status: number;
  json: unknown;
}

function clockReply(core: SimulatorCore): ControlReply {
  return { status: 200, json: { now: formatEmDate(core.clock.now()) } };
}

function setClock(core: SimulatorCore, body: unknown): ControlReply {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.advanceMs === 'number' && Number.isFinite(b.advanceMs)) core.clock.advance(b.advanceMs);
  else if (typeof b.set === 'string' && parseEmDate(b.set) !== undefined)
    core.clock.set(parseEmDate(b.set) as number);
  else throw new ControlError('give {"advanceMs": N} or {"set": "ISO date"}');
  return clockReply(core);
}

/** One control route's handler. */
export type Handler = (core: SimulatorCore, body: unknown, origin: string, id?: string) => ControlReply;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  sessions: { POST: (core, body, origin) => ({ status: 201, json: core.createSession(body, origin) }) },
  'sessions/:id': {
    POST: (core, body, origin, id) => ({ status: 200, json: core.updateSession(id ?? '', body, origin) }),
  },
  clock: { GET: (core) => clockReply(core), POST: setClock },
  reset: {
    POST: (core) => {
      core.reset();
      return { status: 200, json: { ok: true, now: formatEmDate(core.clock.now()) } };
    },
  },
  faults: {
    GET: (core) => ({ status: 200, json: { faults: core.faults.active } }),
    POST: (core, body) => ({ status: 200, json: { faults: core.setFaults(body) } }),
    DELETE: (core) => {
      core.clearFaults();
      return { status: 200, json: { faults: [] } };
    },
  },
  ...ESTATE_CONTROL_ROUTES,
  stats: { GET: (core) => ({ status: 200, json: core.statsSnapshot() }) },
  actions: { GET: (core) => ({ status: 200, json: core.actions.list() }) },
  'stats/reset': {
    POST: (core) => {
      core.resetStats();
      return { status: 200, json: core.statsSnapshot() };
    },
  },
};

/** Handles `/_sim/<rest>` (no auth, JSON in and out); ControlError -> 400/404 `{error}`. */
export function handleControl(
  core: SimulatorCore,
  method: string,
  rest: string,
  body: unknown,
  origin: string,
): ControlReply {
  const parts = rest.split('/').filter((p) => p !== '');
  let key = parts.join('/').toLowerCase();
  let id: string | undefined;
  const head = parts[0]?.toLowerCase();
  if (parts.length >= 2 && (head === 'sessions' || head === 'jobs')) {
    key = `${head}/:id`;
    id = decodeURIComponent(parts.slice(1).join('/'));
  }
  const route = ROUTES[key];
  if (!route) return { status: 404, json: { error: `unknown control endpoint /_sim/${rest}` } };
  const handler = route[method];
  if (!handler) return { status: 405, json: { error: `${method} is not allowed on /_sim/${rest}` } };
  try {
    return handler(core, body, origin, id);
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, json: { error: error.message } };
    throw error;
  }
}
