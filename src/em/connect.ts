import { readFile } from 'node:fs/promises';
import { createEmClient, type EmClient, type EmClientOptions } from './client.js';
import { retryPolicies, type RetryPolicy } from './retry-policies.js';
import { ConfigError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** Where and how to reach a real Enterprise Manager (the config's `em` slice with its URL set). */
export interface EmConnectOptions {
  url: string;
  username: string | undefined;
  password: string | undefined;
  /** A PEM file of the CA that signed EM's certificate (VEEAM_CA_FILE), read here. */
  caFile: string | undefined;
  tlsInsecure: boolean;
  timeoutMs: number;
  /** EM_MAX_RESPONSE_BYTES; the transport's 32 MB default when absent. */
  maxResponseBytes?: number;
}

/**
 * An EM client for a real Enterprise Manager: its URL, account, timeout and TLS trust. Warns once when
 * certificate verification is off; an unreadable or non-PEM CA file stops here with a one-line error.
 */
export async function connectEm(
  em: EmConnectOptions,
  options: { logger: Logger; retryPolicy?: RetryPolicy; onResponse?: EmClientOptions['onResponse'] },
): Promise<EmClient> {
  if (em.tlsInsecure) {
    options.logger.warn(
      { url: em.url },
      'VEEAM_TLS_INSECURE=true: the Enterprise Manager certificate is NOT verified',
    );
  }
  return createEmClient({
    apiBase: em.url,
    username: em.username ?? '',
    password: em.password ?? '',
    timeoutMs: em.timeoutMs,
    ...(em.maxResponseBytes === undefined ? {} : { maxResponseBytes: em.maxResponseBytes }),
    retryPolicy: options.retryPolicy ?? retryPolicies.default,
    logger: options.logger,
    tlsInsecure: em.tlsInsecure,
    ...(em.caFile ? { ca: await readCa(em.caFile) } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
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
