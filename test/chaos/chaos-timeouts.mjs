// setupFilesAfterEnv of jest.chaos.config.js: a chaos test waits on bots that restart, so it has 10 minutes.
import { limitTestTime } from '../global/limit-test-time.mjs';

limitTestTime(600_000);
