// setupFilesAfterEnv of jest.config.js: a test or hook fails after 30 s unless it says otherwise.
import { limitTestTime } from './limit-test-time.mjs';

limitTestTime(30_000);
