/**
 * `npm test`: Jest 29 finds, orders and reports the tests; jest-light-runner runs them in two worker threads with
 * Node's own ES modules. Each worker loads a module once, not once per test file as Jest's default runner does:
 * that load was most of the suite's CPU (see README "Tests"). So a test file must leave nothing behind it: it
 * stops what it starts, and never counts on a module's state being fresh.
 */
export default {
  runner: 'jest-light-runner',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The chaos suite is long; it runs with `npm run test:chaos` (jest.chaos.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/test/chaos/'],
  // TypeScript through tsx in each worker; a test or hook fails after 30 s unless it says otherwise.
  setupFiles: ['<rootDir>/test/global/register-tsx.mjs'],
  setupFilesAfterEnv: ['<rootDir>/test/global/test-timeouts.mjs'],
  // One embedded PostgreSQL per run (the PostgreSQL store's tests make a database each in it).
  globalSetup: '<rootDir>/test/global/setup.mjs',
  globalTeardown: '<rootDir>/test/global/teardown.mjs',
  // Three files at a time on this project's 2-core reference machine: an e2e file mostly waits on its child bot,
  // and a third worker computes meanwhile (42 s against 51 s with two). Every server listens on port 0 and every
  // temp folder comes from mkdtemp, so suites never share a port or a file.
  maxWorkers: 3,
  // Slowest first, the e2e files first on a clean clone too (no timing cache): see the file.
  testSequencer: '<rootDir>/test/global/slow-first-sequencer.mjs',
};
