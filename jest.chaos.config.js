import base from './jest.config.js';

/** The reliability suite: the built bot under EM faults, Slack faults and SIGKILLs (`npm run test:chaos`). */
export default {
  ...base,
  roots: ['<rootDir>/test/chaos'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/test/chaos/chaos-timeouts.mjs'],
  // Two files at a time, the crash suite (the longest) first: every suite waits for what its bots do, not for
  // time, and its deadlines (a 3 s EM timeout, a 6 s outage notice, an 8 s Retry-After) held with all six files
  // passing at a load average of 8-12 on 2 cores (the machine shared with other runs).
  maxWorkers: 2,
};
