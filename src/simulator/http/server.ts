import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { handleControl } from '../control/control-api.js';
import type { SimulatorCore } from '../sim-core.js';
import { handleApi } from './api-handler.js';
import { send, serializeError, wantsJson } from './respond.js';

/** Control-API bodies above this answer 413 (a 5,000-task session spec is about 1.2 MB). */
export const MAX_CONTROL_BODY = 8 << 20;

/** The body as text, or undefined when it exceeds MAX_CONTROL_BODY (the rest is read and dropped). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_CONTROL_BODY) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_CONTROL_BODY ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** `POST /_sim/jobs/{id}` style key of a control call (ids of sessions and jobs folded). */
function controlRoute(method: string, rest: string): string {
  const parts = rest.split('/').filter((p) => p !== '');
  const head = parts[0]?.toLowerCase() ?? '';
  const folded =
    parts.length >= 2 && (head === 'sessions' || head === 'jobs') ? `${head}/{id}` : parts.join('/');
  return `${method} /_sim/${folded}`;
}

async function handleSim(
  core: SimulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
  origin: string,
): Promise<void> {
  let body: unknown;
  const text = await readBody(req);
  if (text === undefined) {
    const error = `the body is larger than ${MAX_CONTROL_BODY / (1 << 20)} MiB; send fewer tasks per call`;
    send(res, 413, {}, JSON.stringify({ error }), 'application/json; charset=utf-8');
    return;
  }
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      send(
        res,
        400,
        {},
        JSON.stringify({ error: 'the body is not valid JSON' }),
        'application/json; charset=utf-8',
      );
      return;
    }
  }
  const reply = handleControl(core, req.method ?? 'GET', rest, body, origin);
  const answer = JSON.stringify(reply.json);
  core.stats.control(controlRoute(req.method ?? 'GET', rest), Buffer.byteLength(answer));
  send(res, reply.status, {}, answer, 'application/json; charset=utf-8');
}

function sendError(res: ServerResponse, status: number, message: string, json: boolean): void {
  const body = serializeError(status, message, json);
  send(res, status, {}, body.text, body.type);
}

function route(
  core: SimulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  scheme: string,
): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const origin = `${scheme}://${req.headers.host ?? 'localhost'}`;
  const lower = path.toLowerCase();
  if (lower === '/_sim' || lower.startsWith('/_sim/'))
    return handleSim(core, req, res, path.slice(5), origin);
  if (lower === '/api' || lower.startsWith('/api/')) {
    // EM stamps its answers with its own clock: the scenario's, which may be set apart from the watcher's.
    res.setHeader('Date', new Date(core.clock.now()).toUTCString());
    return handleApi(core, req, res, path, q < 0 ? '' : url.slice(q + 1), origin);
  }
  sendError(res, 404, 'Not found.', wantsJson(req.headers.accept));
  return Promise.resolve();
}

/** Transport only: splits /_sim/ (control) from /api/ (EM); everything else is 404. */
export function createRequestListener(core: SimulatorCore, scheme: 'http' | 'https') {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(core, req, res, scheme).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else
        sendError(
          res,
          500,
          error instanceof Error ? error.message : String(error),
          wantsJson(req.headers.accept),
        );
    });
  };
}

/** Creates the HTTP or HTTPS server (not yet listening). */
export function createSimServer(core: SimulatorCore, tls?: { key: string; cert: string }): Server {
  const listener = createRequestListener(core, tls ? 'https' : 'http');
  const server = tls
    ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener)
    : createHttpServer(listener);
  server.keepAliveTimeout = 5_000;
  return server;
}
