import type { EmConfig } from '../config/load-config.js';
import { createEmClient, type EmClient } from '../em/client.js';
import { retryPolicies } from '../em/retry-policies.js';
import { createConfiguredEmClient } from './configured-em-client.js';
import type { Logger } from '../shared/logger.js';
import { startSimulator, type RunningSimulator } from '../simulator/index.js';

/** The EM the bot talks to: a real one from config, or the embedded simulator when VEEAM_URL is not set. */
export interface EmConnection {
  client: EmClient;
  /** Set when the embedded simulator runs (local demo). */
  simulator: RunningSimulator | undefined;
  close(): Promise<void>;
}

/** Options of the embedded demo simulator. */
export const DEMO_SIMULATOR = { seed: 42, history: 2000, live: true } as const;

/** Connects to the configured EM, or starts the embedded simulator on loopback and connects to that. */
export async function connectEm(em: EmConfig, logger: Logger): Promise<EmConnection> {
  if (em.url === undefined) {
    const simulator = await startSimulator({ ...DEMO_SIMULATOR, port: 0, host: '127.0.0.1' });
    const client = createEmClient({
      apiBase: simulator.url,
      username: simulator.user,
      password: simulator.password,
      timeoutMs: em.timeoutMs,
      retryPolicy: retryPolicies.default,
      logger,
    });
    return { client, simulator, close: async () => closeBoth(client, simulator) };
  }
  if (em.tlsInsecure) {
    logger.warn(
      { url: em.url },
      'VEEAM_TLS_INSECURE=true: the Enterprise Manager certificate is NOT verified',
    );
  }
  const client = await createConfiguredEmClient(
    { ...em, url: em.url },
    { logger, retryPolicy: retryPolicies.default },
  );
  return { client, simulator: undefined, close: () => client.close() };
}

async function closeBoth(client: EmClient, simulator: RunningSimulator): Promise<void> {
  await client.close().catch(() => undefined);
  await simulator.stop();
}
