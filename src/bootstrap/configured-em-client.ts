import { readFile } from 'node:fs/promises';
import type { EmConfig } from '../config/load-config.js';
import { createEmClient, type EmClient } from '../em/client.js';
import type { RetryPolicy } from '../em/retry-policies.js';
import { ConfigError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** An EM client for the configured EM: its URL, account, timeout and TLS trust (VEEAM_CA_FILE read here). */
export async function createConfiguredEmClient(
  em: EmConfig & { url: string },
  options: { logger: Logger; retryPolicy: RetryPolicy },
): Promise<EmClient> {
  return createEmClient({
    apiBase: em.url,
    username: em.username ?? '',
    password: em.password ?? '',
    timeoutMs: em.timeoutMs,
    retryPolicy: options.retryPolicy,
    logger: options.logger,
    tlsInsecure: em.tlsInsecure,
    ...(em.caFile ? { ca: await readCa(em.caFile) } : {}),
  });
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
