import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain node:http server on loopback: reads each request's body and answers 200 at once. */
export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts the baseline the bot's acks are compared with: the least any Node server on this machine can do. */
export async function startBareServer(): Promise<BareServer> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
