import type { IncomingMessage, ServerResponse } from 'node:http';
import { QueryError } from '../query/query-error.js';
import { HttpError, type ApiContext, type Reply } from '../routes/api-context.js';
import { matchRoute } from '../routes/route-table.js';
import { unauthorized } from '../routes/service-routes.js';
import type { SimulatorCore } from '../sim-core.js';
import { mayRunActions } from './accounts.js';
import { requestToken } from './auth.js';
import { parseQueryString } from './query-string.js';
import { send, serialize, serializeError, wantsJson } from './respond.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function segmentsOf(path: string): string[] {
  return path
    .slice(4)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s).toLowerCase();
      } catch {
        return s.toLowerCase();
      }
    });
}

function dispatch(
  core: SimulatorCore,
  req: IncomingMessage,
  segments: string[],
  rawQuery: string,
  origin: string,
): Reply & { routeKey?: string } {
  const match = matchRoute(segments);
  if (!match) throw new HttpError(404, 'The requested resource was not found.');
  const { route, ids } = match;
  const logon = route.auth ? core.tokens.touch(requestToken(req.headers)) : undefined;
  if (route.auth && !logon) throw unauthorized();
  const method = req.method ?? 'GET';
  const handler = route.methods[method];
  if (!handler)
    throw new HttpError(405, `Method ${method} is not allowed on this resource.`, {
      Allow: Object.keys(route.methods).join(', '),
    });
  const api: ApiContext = {
    method,
    segments,
    rawQuery,
    params: parseQueryString(rawQuery),
    headers: req.headers,
    // A role that may not act reads jobs without their action links (docs/em-protocol.md, "Action links and roles").
    render: {
      ...core.renderContext(origin),
      ...(logon && !mayRunActions(logon.role) && !core.options.actionLinksForEveryRole
        ? { hideActionLinks: true }
        : {}),
    },
    world: core.world,
    tokens: core.tokens,
    logon,
    actions: { log: core.actions, refuseWith: core.options.refuseActionsWith },
  };
  return handler(api, ids);
}

/** Serves one /api/ request: faults first, then auth, routing, the handler and the EM body. */
export async function handleApi(
  core: SimulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawQuery: string,
  origin: string,
): Promise<void> {
  const segments = segmentsOf(path);
  const method = req.method ?? 'GET';
  const routeKey = `${method} ${matchRoute(segments)?.route.key ?? '/api/(unknown)'}`;
  const json = wantsJson(req.headers.accept);
  const decision = core.faults.decide(path);
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  let reply: Reply;
  try {
    if (decision.action?.kind === 'reset') {
      core.stats.request(routeKey);
      req.socket.destroy();
      return;
    }
    if (decision.action?.kind === 'status')
      throw new HttpError(
        decision.action.status,
        `Simulated failure (HTTP ${decision.action.status}).`,
        decision.action.status === 401 ? { 'WWW-Authenticate': 'Basic Realm=RestSvc' } : {},
      );
    reply = dispatch(core, req, segments, rawQuery, origin);
  } catch (error) {
    const status = error instanceof HttpError || error instanceof QueryError ? error.status : 500;
    const message = error instanceof Error ? error.message : String(error);
    const text500 = status === 500 ? `Internal error: ${message}` : message;
    const body = serializeError(status, text500, json, core.options.jsonBom);
    core.stats.request(routeKey);
    core.stats.status(status);
    core.stats.bytes(
      routeKey,
      send(res, status, error instanceof HttpError ? error.headers : {}, body.text, body.type),
    );
    return;
  }
  core.stats.request(routeKey, reply.queryType);
  core.stats.status(reply.status);
  let text: string | undefined;
  let type: string | undefined;
  if (reply.body) ({ text, type } = serialize(reply.body, json, core.options.jsonBom));
  // A malformed body: cut mid-document so no parser accepts it.
  if (decision.action?.kind === 'malformed' && text !== undefined)
    text = `${text.slice(0, Math.max(20, Math.floor(text.length * 0.6)))}<Broken attr="`;
  core.stats.bytes(routeKey, send(res, reply.status, reply.headers ?? {}, text, type));
}
