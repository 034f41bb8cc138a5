import { createEmClient, type EmClient } from '../em/client.js';
import { connectEm } from '../em/connect.js';
import { backoffFrom } from '../em/retry-policies.js';
import type { Config } from '../config/load-config.js';
import type { HealthKit } from '../health/health-kit.js';
import type { Logger } from '../shared/logger.js';
import { OPERATOR_ACCOUNT, startSimulator } from '../simulator/index.js';

/** The EM the bot talks to, and how to close it. */
export interface EmConnection {
  client: EmClient;
  close(): Promise<void>;
}

/** Options of the embedded demo simulator. */
const DEMO_SIMULATOR = { seed: 42, history: 2000, live: true } as const;

/** The configured EM, or (VEEAM_URL unset) the embedded simulator on loopback with live sessions. */
export async function openEm(config: Config, logger: Logger, health: HealthKit): Promise<EmConnection> {
  const { url } = config.em;
  const onResponse = health.onEmResponse;
  const retryPolicy = backoffFrom(config.em.retryDelayMs);
  if (url !== undefined) {
    const client = await connectEm({ ...config.em, url }, { logger, onResponse, retryPolicy });
    return { client, close: () => client.close() };
  }
  const simulator = await startSimulator({ ...DEMO_SIMULATOR, port: 0, host: '127.0.0.1' });
  // With job actions on, the demo logs on with the role that may run them (docs/em-protocol.md, "Roles for job actions").
  const account = config.jobActions.enabled ? OPERATOR_ACCOUNT : simulator;
  const client = createEmClient({
    apiBase: simulator.url,
    username: account.user,
    password: account.password,
    timeoutMs: config.em.timeoutMs,
    maxResponseBytes: config.em.maxResponseBytes,
    retryPolicy,
    logger,
    onResponse,
  });
  return {
    client,
    close: async () => {
      await client.close().catch(() => undefined);
      await simulator.stop();
    },
  };
}
