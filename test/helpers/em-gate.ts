import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback proxy in front of the simulator that can hold EM's answers until the test lets them through. */
export interface EmGate {
  /** API base to give the EM client instead of the simulator's (ends with `/api/`). */
  url: string;
  /** From now on, requests wait at the gate (they reach the simulator only when opened). */
  close(): void;
  /** Lets every held request through, and the later ones straight away. */
  open(): void;
  /** How many requests are waiting at the gate now. */
  held(): number;
  stop(): Promise<void>;
}

/**
 * Starts a gate forwarding to `apiBase` (the simulator's `/api/` URL). The Host header is forwarded as sent,
 * so the simulator's Hrefs point back at the gate. Proves "acked before EM answered" without waiting on a delay.
 */
export async function startEmGate(apiBase: string): Promise<EmGate> {
  const target = new URL(apiBase);
  let closed = false;
  let waiting: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const forward = () => {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (closed) waiting.push(forward);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    close: () => {
      closed = true;
    },
    open: () => {
      closed = false;
      const released = waiting;
      waiting = [];
      released.forEach((forward) => forward());
    },
    held: () => waiting.length,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
