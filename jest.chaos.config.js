import base from './jest.config.js';

/** The reliability suite: the built bot under EM faults, Slack faults and SIGKILLs (`npm run test:chaos`). */
export default {
  ...base,
  roots: ['<rootDir>/test/chaos'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 600_000,
  // One file at a time: each suite drives bots under faults whose timing a neighbour's load would skew.
  maxWorkers: 1,
};
