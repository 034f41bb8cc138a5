import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy answers query requests: passed through, a page whose `Next` is itself, or an endless body. */
export type HostileMode = 'pass' | 'self-link' | 'huge';

/** A loopback proxy in front of the simulator that can turn hostile on `GET /api/query` requests. */
export interface HostileEm {
  /** API base to give the bot instead of the simulator's (ends with `/api/`). */
  url: string;
  /** Where requests are forwarded (the simulator's `/api/` URL); settable after the proxy started. */
  forwardTo(apiBase: string): void;
  setMode(mode: HostileMode): void;
  /** Query requests seen in each mode so far. */
  queries: Record<HostileMode, number>;
  stop(): Promise<void>;
}

const HUGE_BYTES = 50 * 1024 * 1024;

/** Starts the proxy (passing everything through until a mode is set). */
export async function startHostileEm(): Promise<HostileEm> {
  let target: URL | undefined;
  let mode: HostileMode = 'pass';
  const queries: Record<HostileMode, number> = { pass: 0, 'self-link': 0, huge: 0 };
  const server = http.createServer((req, res) => {
    const isQuery = req.method === 'GET' && /^\/api\/query\?/i.test(req.url ?? '');
    if (isQuery) queries[mode] += 1;
    if (isQuery && mode === 'self-link') return selfLinkingPage(req, res);
    if (isQuery && mode === 'huge') return void endlessBody(res);
    if (!target) return void res.writeHead(502).end();
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    forwardTo: (apiBase) => (target = new URL(apiBase)),
    setMode: (next) => (mode = next),
    queries,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Page 1 of 9,999 (one reference) whose Next link is the request's own URL. */
function selfLinkingPage(req: http.IncomingMessage, res: http.ServerResponse): void {
  const self = `http://${req.headers.host ?? 'em'}${req.url ?? '/api/query'}`.replace(/&/g, '&amp;');
  res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' });
  res.end(
    `<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><Refs><Ref Type="BackupJobSessionReference" Href="http://em/api/backupSessions/1" Name="Loop@x" UID="urn:veeam:BackupJobSession:1" /></Refs><PagingInfo PageNum="1" PageSize="1" PagesCount="9999"><Links><Link Rel="Next" Href="${self}" /></Links></PagingInfo></QueryResult>`,
  );
}

/** A 50 MB body written as fast as the client reads it; stops when the client hangs up. */
async function endlessBody(res: http.ServerResponse): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let open = true;
  res.on('close', () => (open = false));
  res.write('<QueryResult xmlns="http://www.veeam.com/ent/v1.0"><!--');
  for (let sent = 0; open && sent < HUGE_BYTES; sent += chunk.length) {
    if (!res.write(chunk)) {
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
