import https from 'node:https';
import http from 'node:http';
import tls from 'node:tls';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import pRetry from 'p-retry';
import { ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { EmError, codeForStatus, isRetryable } from './errors.js';
import type { RetryPolicy } from './retry-policies.js';
import { mapErrorBody } from './mappers/envelopes.js';
import { parseXml } from './xml.js';

/** What the transport needs: where EM is, how to trust it, how long to wait and how to retry. */
export interface HttpTransportOptions {
  /** The API base, ending in `/api/`. */
  apiBase: string;
  timeoutMs: number;
  /** Extra trusted CA certificates (PEM), added to Node's default roots. */
  ca?: string;
  /** Turns certificate verification off; the caller logs the warning. */
  tlsInsecure?: boolean;
  retryPolicy: RetryPolicy;
  logger: Logger;
  /** The largest body accepted (EM_MAX_RESPONSE_BYTES); a larger one is aborted while it streams in. */
  maxResponseBytes?: number;
  /** Told of every attempt's answer (status) or failure before one (status undefined), for metrics. */
  onResponse?: (event: { method: string; pathname: string; status: number | undefined; ms: number }) => void;
}

/** The default response cap: 32 MB, far above any page the bot asks for. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface EmRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path relative to the API base (`query?...`) or an absolute Href EM returned. */
  target: string;
  headers?: Record<string, string>;
}

export interface EmResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** The only seam to the HTTP library: sends a request, retries what is worth retrying, types every failure. */
export interface HttpTransport {
  send(request: EmRequest): Promise<EmResponse>;
  /** EM's clock as its last answer's `Date` header stated it (ms); undefined before the first answer. */
  lastServerDate(): number | undefined;
  /** The absolute URL a target resolves to (against the configured origin). */
  resolve(target: string): string;
  close(): void;
}

/** Builds the axios-backed transport with keep-alive agents and the TLS settings. */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const base = new URL(options.apiBase);
  const agentOptions = { keepAlive: true, maxSockets: 16 };
  const httpsAgent = new https.Agent({
    ...agentOptions,
    rejectUnauthorized: options.tlsInsecure !== true,
    ...(options.ca ? { ca: [...tls.rootCertificates, options.ca] } : {}),
  });
  const httpAgent = new http.Agent(agentOptions);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const client: AxiosInstance = axios.create({
    timeout: options.timeoutMs,
    httpAgent,
    httpsAgent,
    proxy: false,
    maxRedirects: 0,
    // The node adapter counts (decompressed) bytes as they arrive and destroys the stream past the cap.
    maxContentLength: maxBytes,
    maxBodyLength: maxBytes,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });

  const resolve = (target: string) => resolveTarget(base, target);
  let lastServerDate: number | undefined;

  const attempt = async (request: EmRequest): Promise<EmResponse> => {
    const url = resolve(request.target);
    const label = `${request.method} ${new URL(url).pathname}`;
    let response;
    const started = Date.now();
    const report = (status: number | undefined) =>
      options.onResponse?.({
        method: request.method,
        pathname: new URL(url).pathname,
        status,
        ms: Date.now() - started,
      });
    try {
      response = await client.request<string>({
        method: request.method,
        url,
        headers: {
          Accept: 'application/xml',
          ...(request.method === 'POST' ? { 'Content-Length': '0' } : {}),
          ...request.headers,
        },
      });
    } catch (error) {
      report(undefined);
      throw transportError(error, label, options.timeoutMs, maxBytes);
    }
    report(response.status);
    const headers = Object.fromEntries(
      Object.entries(response.headers).map(([key, value]) => [key.toLowerCase(), String(value)]),
    );
    const date = Date.parse(headers['date'] ?? '');
    if (Number.isFinite(date)) lastServerDate = date;
    const body = typeof response.data === 'string' ? response.data : '';
    if (response.status >= 200 && response.status < 300) return { status: response.status, headers, body };
    throw statusError(response.status, body, label);
  };

  return {
    resolve,
    lastServerDate: () => lastServerDate,
    send: (request) =>
      pRetry(() => attempt(request), {
        retries: options.retryPolicy.retries,
        minTimeout: options.retryPolicy.minDelayMs,
        maxTimeout: options.retryPolicy.maxDelayMs,
        factor: options.retryPolicy.factor,
        randomize: true,
        shouldRetry: ({ error }) => isRetryable(error),
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (isRetryable(error) && retriesLeft > 0) {
            options.logger.debug(
              { err: describe(error), attemptNumber, retriesLeft },
              'EM request failed; retrying',
            );
          }
        },
      }),
    close: () => {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}

/**
 * EM writes its own host name into every Href (docs/em-protocol.md, "Host names in links"), which the bot may not resolve: keep the Href's
 * path and query byte for byte (paging links must not be re-encoded, docs/em-protocol.md, "Paging") and use the configured origin.
 */
export function resolveTarget(base: URL, target: string): string {
  if (/^https?:\/\//i.test(target)) {
    const schemeEnd = target.indexOf('//') + 2;
    const pathStart = target.indexOf('/', schemeEnd);
    return `${base.origin}${pathStart === -1 ? '/' : target.slice(pathStart)}`;
  }
  return `${base.origin}${base.pathname}${target.replace(/^\/+/, '')}`;
}

function statusError(status: number, body: string, label: string): EmError {
  let emMessage: string | undefined;
  try {
    emMessage = body.trim() ? mapErrorBody(parseXml(body))?.message : undefined;
  } catch {
    emMessage = undefined; // an unreadable error body still leaves the status to report
  }
  const code = codeForStatus(status);
  return new EmError(code, `${label} answered ${status}${emMessage ? `: ${emMessage}` : ''}`, {
    status,
    request: label,
  });
}

function transportError(error: unknown, label: string, timeoutMs: number, maxBytes: number): EmError {
  const code = isAxiosError(error) ? error.code : undefined;
  if (isAxiosError(error) && /maxContentLength/.test(error.message)) {
    return new EmError(ErrorCode.EmTooLarge, `${label} sent more than ${maxBytes} bytes; aborted`, {
      request: label,
    });
  }
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  // The cause is rebuilt from code and message only: axios errors carry the request config, headers included.
  const cause = new Error(`${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`);
  if (timedOut) {
    return new EmError(ErrorCode.EmTimeout, `${label} timed out after ${timeoutMs} ms`, {
      request: label,
      cause,
      userMessage: `Enterprise Manager did not answer in ${Math.round(timeoutMs / 1000)} s; try again`,
    });
  }
  const tlsProblem = /certificate|self[- ]signed|CERT_|unable to verify/i.test(cause.message);
  if (tlsProblem) {
    return new EmError(ErrorCode.EmTls, `${label} failed TLS verification: ${cause.message}`, {
      request: label,
      cause,
      userMessage: 'Enterprise Manager’s TLS certificate is not trusted; set VEEAM_CA_FILE (see README)',
    });
  }
  return new EmError(ErrorCode.EmNetwork, `${label} failed: ${cause.message}`, { request: label, cause });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
