import base from './jest.config.js';

/** The reliability suite: the built bot under EM faults, Slack faults and SIGKILLs (`npm run test:chaos`). */
export default {
  ...base,
  roots: ['<rootDir>/test/chaos'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 600_000,
};
