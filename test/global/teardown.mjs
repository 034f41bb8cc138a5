/** Jest globalTeardown: stops the run's PostgreSQL and removes its data folder. */
export default async function teardown() {
  await globalThis.__veeamBotPostgres?.stop();
}
