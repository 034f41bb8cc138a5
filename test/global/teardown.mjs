/** Jest globalTeardown: stops the run's PostgreSQL (once it has started) and removes its data folder. */
export default async function teardown() {
  const server = await globalThis.__veeamBotPostgres;
  await server?.stop();
}
