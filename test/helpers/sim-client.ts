import { createEmClient, type EmClient, type EmClientOptions } from '../../src/em/client.js';
import { retryPolicies } from '../../src/em/retry-policies.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { RunningSimulator } from '../../src/simulator/index.js';

/** The real EM client pointed at a running simulator, with millisecond retries and no logging. */
export function simClient(sim: RunningSimulator, overrides: Partial<EmClientOptions> = {}): EmClient {
  return createEmClient({
    apiBase: sim.url,
    username: sim.user,
    password: sim.password,
    timeoutMs: 5000,
    retryPolicy: retryPolicies.fast,
    logger: silentLogger,
    ...overrides,
  });
}
