/** Jest runs our ESM TypeScript through ts-jest's ESM preset (needs --experimental-vm-modules, see package.json). */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The chaos suite is long; it runs with `npm run test:chaos` (jest.chaos.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/test/chaos/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // One embedded PostgreSQL per run (the PostgreSQL store's tests make a database each in it).
  globalSetup: '<rootDir>/test/global/setup.mjs',
  globalTeardown: '<rootDir>/test/global/teardown.mjs',
  // Two files at a time (this project's reference machine has 2 cores): every server listens on port 0 and
  // every temp folder comes from mkdtemp, so suites never share a port or a file.
  maxWorkers: 2,
  // Slowest first, the e2e files first on a clean clone too (no timing cache): see the file.
  testSequencer: '<rootDir>/test/global/slow-first-sequencer.mjs',
};
