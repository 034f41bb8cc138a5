import { launchEmbeddedPostgres } from './embedded-postgres.mjs';

/**
 * Jest globalSetup: one PostgreSQL for the whole run; its URL goes to the workers in TEST_POSTGRES_URL. It starts
 * in the background (seconds of initdb): the tests begin at once, and test/helpers/postgres.ts waits for it.
 */
export default async function setup() {
  const { url, started } = await launchEmbeddedPostgres();
  globalThis.__veeamBotPostgres = started.catch((error) => {
    // The suites that need it fail on their own (they cannot connect); this says why.
    process.stderr.write(`embedded PostgreSQL did not start: ${error?.message ?? String(error)}\n`);
    return undefined;
  });
  process.env.TEST_POSTGRES_URL = url;
}
