import { readFile } from 'node:fs/promises';
import type { EmConfig } from '../config/load-config.js';
import { createEmClient, type EmClient } from '../em/client.js';
import { retryPolicies } from '../em/retry-policies.js';
import { ConfigError } from '../shared/errors.js';
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
  const client = createEmClient({
    apiBase: em.url,
    username: em.username ?? '',
    password: em.password ?? '',
    timeoutMs: em.timeoutMs,
    retryPolicy: retryPolicies.default,
    logger,
    tlsInsecure: em.tlsInsecure,
    ...(em.caFile ? { ca: await readCa(em.caFile) } : {}),
  });
  return { client, simulator: undefined, close: () => client.close() };
}

async function readCa(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `VEEAM_CA_FILE ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new ConfigError(`VEEAM_CA_FILE ${path} holds no PEM certificate`);
  return pem;
}

async function closeBoth(client: EmClient, simulator: RunningSimulator): Promise<void> {
  await client.close().catch(() => undefined);
  await simulator.stop();
}
