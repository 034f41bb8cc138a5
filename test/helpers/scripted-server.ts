import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export type ScriptedReply =
  | { status: number; headers?: Record<string, string>; body?: string }
  /** A 200 XML body of `bytes` bytes written 64 KB at a time as the client reads it (stops if it hangs up). */
  | { stream: number }
  | 'hang'
  | 'reset';

/**
 * A loopback HTTP(S) server whose answers a test scripts request by request: the network edge for
 * transport tests that need exact control (a reset, a hang, a 401 at a precise moment).
 */
export async function startScriptedServer(
  reply: (request: RecordedRequest, index: number) => ScriptedReply | Promise<ScriptedReply>,
  tlsOptions?: { key: string; cert: string },
): Promise<{ url: string; requests: RecordedRequest[]; streamed: () => number; stop(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  let streamed = 0;
  const handler: http.RequestListener = (req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    const index = requests.push(recorded) - 1;
    req.resume();
    req.on('end', () => {
      void Promise.resolve(reply(recorded, index)).then((answer) => {
        if (answer === 'hang') return;
        if (answer === 'reset') {
          req.socket.destroy();
          return;
        }
        if ('stream' in answer) {
          void streamBody(res, answer.stream, (bytes) => (streamed += bytes));
          return;
        }
        res.writeHead(answer.status, { 'Content-Type': 'application/xml; charset=utf-8', ...answer.headers });
        res.end(answer.body ?? '');
      });
    });
  };
  const server = tlsOptions ? https.createServer(tlsOptions, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tlsOptions ? 'https' : 'http'}://127.0.0.1:${port}/api/`,
    requests,
    streamed: () => streamed,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal LogonSession answer (201) carrying the given token. */
export function logonReply(token: string, sessionId = '44cfbdbe-5a95-4156-8867-91f069b7c2cc'): ScriptedReply {
  return {
    status: 201,
    headers: { 'X-RestSvcSessionId': token },
    body: `<LogonSession xmlns="http://www.veeam.com/ent/v1.0" Type="LogonSession" Href="https://em.example:9398/api/logonSessions/${sessionId}"><Links><Link Href="https://em.example:9398/api/logonSessions/${sessionId}" Rel="Delete" /></Links><UserName>TECH\\svc</UserName><SessionId>${sessionId}</SessionId></LogonSession>`,
  };
}

/** An EM `Error` body with the given status. */
export function errorReply(status: number, message: string): ScriptedReply {
  return {
    status,
    body: `<Error xmlns="http://www.veeam.com/ent/v1.0" Message="${message}" StatusCode="${status}" />`,
  };
}

const CHUNK = 64 * 1024;

/** Writes a big `<QueryResult>` whose padding is one long comment, paced by the socket's drain events. */
async function streamBody(res: http.ServerResponse, bytes: number, count: (bytes: number) => void) {
  res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' });
  const padding = Buffer.alloc(CHUNK, 'x');
  let open = true;
  res.on('close', () => (open = false));
  res.write('<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><!--');
  for (let sent = 0; open && sent < bytes; sent += CHUNK) {
    count(CHUNK);
    if (!res.write(padding)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (open) res.end('--></QueryResult>');
}
