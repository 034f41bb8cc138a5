// A setup file of the light runner (jest.config.js): each worker compiles our TypeScript with tsx (esbuild), so
// the test files, the helpers and src are plain ES modules, loaded once per worker by Node itself.
import { register } from 'tsx/esm/api';

register();
