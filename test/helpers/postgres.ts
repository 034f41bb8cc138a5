import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../src/store/postgres/pg.js';

/** A fresh database in the run's embedded PostgreSQL (test/global/setup.mjs), and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error('TEST_POSTGRES_URL is unset: run the tests through jest.config.js');
  return createDatabaseOn(serverUrl);
}

/** A fresh database on the server at `serverUrl`. */
export async function createDatabaseOn(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await queryWhenUp(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const db = createDb({ url: serverUrl, max: 1 });
      await db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await db.end();
    },
  };
}

/** A Db on `url`, for a test to close. */
export function openTestDb(url: string): Db {
  return createDb({ url, max: 4 });
}

/**
 * Runs `sql` once the server accepts it: the run's server starts in the background (test/global/setup.mjs), so
 * the first suites may ask before it is up. Waits for that event (refused, or "starting up"), for up to a minute.
 */
async function queryWhenUp(serverUrl: string, sql: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const admin = createDb({ url: serverUrl, max: 1, connectTimeoutMs: 2000 });
    try {
      await admin.query(sql);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== 'ECONNREFUSED' && code !== '57P03') || Date.now() > deadline) throw error;
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
