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
  const admin = createDb({ url: serverUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
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
