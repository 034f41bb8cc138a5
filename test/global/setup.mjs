import { startEmbeddedPostgres } from './embedded-postgres.mjs';

/** Jest globalSetup: one PostgreSQL for the whole run; its URL goes to the workers in TEST_POSTGRES_URL. */
export default async function setup() {
  const server = await startEmbeddedPostgres();
  globalThis.__veeamBotPostgres = server;
  process.env.TEST_POSTGRES_URL = server.url;
}
