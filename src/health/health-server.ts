import { createServer } from 'node:http';
import type { HealthHandler } from './routes.js';

/** A running health server: the port bound (0 picks a free one) and how to stop it. */
export interface HealthServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * The health endpoints on their own small server, for Socket Mode and the console (HTTP mode serves them on
 * PORT next to /slack/events): GET only, 404 for anything else.
 */
export async function startHealthServer(
  routes: Record<string, HealthHandler>,
  listen: { port: number; host: string },
): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const handler = routes[path];
    if (request.method !== 'GET' || handler === undefined) {
      response.writeHead(request.method === 'GET' ? 404 : 405).end();
      return;
    }
    handler(request, response);
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : listen.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
