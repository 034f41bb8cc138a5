import type { IncomingHttpHeaders } from 'node:http';
import type { LogonToken, TokenStore } from '../http/auth.js';
import type { ActionsLog } from '../control/actions-log.js';
import type { RefuseActionsWith } from './action-routes.js';
import type { World } from '../world.js';
import type { RenderContext } from '../xml/context.js';
import type { Res } from '../xml/resource.js';

/** Everything an /api/ route handler gets. */
export interface ApiContext {
  method: string;
  /** Lower-cased path segments after `/api/` (paths are case-insensitive, docs/em-protocol.md, "Names match case-insensitively"). */
  segments: string[];
  rawQuery: string;
  /** Query parameters by lower-cased name. */
  params: Map<string, string>;
  headers: IncomingHttpHeaders;
  render: RenderContext;
  world: World;
  tokens: TokenStore;
  /** The caller's logon (routes that need a token). */
  logon?: LogonToken;
  /** Job and plan actions received (GET /_sim/actions) and how refusals are answered. */
  actions: { log: ActionsLog; refuseWith: RefuseActionsWith };
}

/** A handler's answer; the transport writes it as XML or JSON. */
export interface Reply {
  status: number;
  body?: Res;
  headers?: Record<string, string>;
  /** The query `type` for stats. */
  queryType?: string;
}

/** An EM error answer (Error body). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type Handler = (api: ApiContext, ids: string[]) => Reply;

/** One /api/ route: a segment pattern (`:id` = GUID), its stats key, whether it needs a token. */
export interface Route {
  pattern: string[];
  key: string;
  auth: boolean;
  methods: Partial<Record<string, Handler>>;
}

export const ok = (body: Res): Reply => ({ status: 200, body });

export function notFound(what: string): HttpError {
  return new HttpError(404, `${what} was not found.`);
}
