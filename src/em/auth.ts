import { ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { EmError } from './errors.js';
import type { EmRequest, EmResponse, HttpTransport } from './http.js';
import { mapLogonSession } from './mappers/envelopes.js';
import type { LogonSession } from './types.js';
import { mapXml, parseXml } from './xml.js';

export interface AuthOptions {
  transport: HttpTransport;
  apiBase: string;
  username: string;
  password: string;
  logger: Logger;
  /** The clock of the logon backoff (milliseconds); tests step it. */
  now?: () => number;
}

/** Logs on once, shares one re-logon among concurrent 401s, replays each request once, logs off on close. */
export interface AuthenticatedTransport {
  send(request: EmRequest): Promise<EmResponse>;
  /** The current logon, logging on if needed. */
  logon(): Promise<LogonSession>;
  /** Deletes the logon session on EM (`DELETE logonSessions/{id}`), if there is one. */
  logoff(): Promise<void>;
  /** How many logons this transport made; for tests and diagnostics. */
  logonCount(): number;
}

interface Logon {
  token: string;
  session: LogonSession;
}

const TOKEN_HEADER = 'X-RestSvcSessionId';
/** After a refused logon, wait 1 min, then 2, 4, 8 and at most 15 min between attempts. */
export const LOGON_BACKOFF_FIRST_MS = 60_000;
export const LOGON_BACKOFF_MAX_MS = 15 * 60_000;

/** Wraps the transport with EM's token authentication (docs/em-protocol.md, "Logon and the session token"). */
export function createAuthenticatedTransport(options: AuthOptions): AuthenticatedTransport {
  let current: Promise<Logon> | undefined;
  let logons = 0;
  const backoff = createLogonBackoff(options);
  const replacedLogoffs = new Set<Promise<void>>();

  const withToken = (request: EmRequest, token: string): EmRequest => ({
    ...request,
    headers: { ...request.headers, [TOKEN_HEADER]: token },
  });

  const logoffSession = (logon: Logon): Promise<void> => {
    const target =
      logon.session.links.find((link) => link.rel === 'Delete')?.href ??
      `logonSessions/${logon.session.sessionId}`;
    return options.transport
      .send(withToken({ method: 'DELETE', target }, logon.token))
      .then(() => undefined)
      .catch((error: unknown) => {
        options.logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'EM logoff failed',
        );
      });
  };

  /** A new logon; the one it replaces (if any) is logged off in the background so sessions never pile up. */
  const freshLogon = (replaced?: Promise<Logon>): Promise<Logon> => {
    const refused = backoff.refusal();
    if (refused) return Promise.reject(refused);
    logons += 1;
    const attempt = logonOnce(options).then(
      (logon) => {
        backoff.accepted();
        return logon;
      },
      (error: unknown) => {
        if (current === attempt) current = undefined; // let the next request try again
        backoff.failed(error);
        throw error;
      },
    );
    current = attempt;
    if (replaced) {
      const pending = replaced.then(logoffSession, () => undefined);
      replacedLogoffs.add(pending);
      void pending.finally(() => replacedLogoffs.delete(pending));
    }
    return attempt;
  };

  const ensureLogon = (): Promise<Logon> => current ?? freshLogon();

  return {
    async send(request) {
      const used = ensureLogon();
      const { token } = await used;
      try {
        return await options.transport.send(withToken(request, token));
      } catch (error) {
        if (!(error instanceof EmError) || error.code !== ErrorCode.EmAuth) throw error;
        // The token idled out or EM restarted: the first request to notice starts one re-logon, the rest join it.
        const renewed = current === used ? freshLogon(used) : ensureLogon();
        const { token: fresh } = await renewed;
        options.logger.info({ request: error.request }, 'EM logon session expired; logged on again');
        return options.transport.send(withToken(request, fresh));
      }
    },
    logon: async () => (await ensureLogon()).session,
    async logoff() {
      const active = current;
      current = undefined;
      await Promise.all(replacedLogoffs);
      if (!active) return;
      const logon = await active.catch(() => undefined);
      if (logon) await logoffSession(logon);
    },
    logonCount: () => logons,
  };
}

/**
 * Remembers refused logons (401 on `POST sessionMngr`) and spaces the next attempts exponentially up to
 * 15 min, so the bot never locks the service account; says so once in the log, and again once it recovers.
 */
function createLogonBackoff(options: AuthOptions) {
  const now = options.now ?? Date.now;
  let refusals = 0;
  let retryAt = 0;
  let last: EmError | undefined;
  return {
    refusal(): EmError | undefined {
      if (!last || now() >= retryAt) return undefined;
      return new EmError(
        ErrorCode.EmAuth,
        `${last.message} (not retried before ${new Date(retryAt).toISOString()})`,
        { status: 401, request: last.request },
      );
    },
    failed(error: unknown): void {
      if (!(error instanceof EmError) || error.code !== ErrorCode.EmAuth) return;
      refusals += 1;
      last = error;
      const delayMs = Math.min(LOGON_BACKOFF_MAX_MS, LOGON_BACKOFF_FIRST_MS * 2 ** (refusals - 1));
      retryAt = now() + delayMs;
      if (refusals === 1) {
        options.logger.error(
          { err: error.message, retryInMs: delayMs, maxDelayMs: LOGON_BACKOFF_MAX_MS },
          'EM refused the logon; backing off (up to 15 min between attempts) so the account is not locked',
        );
      }
    },
    accepted(): void {
      if (refusals > 0) options.logger.info({ refusals }, 'EM accepted the logon again');
      refusals = 0;
      last = undefined;
    },
  };
}

async function logonOnce(options: AuthOptions): Promise<Logon> {
  const credentials = Buffer.from(`${options.username}:${options.password}`, 'utf8').toString('base64');
  let response: EmResponse;
  try {
    response = await options.transport.send({
      method: 'POST',
      target: 'sessionMngr/?v=latest',
      headers: { Authorization: `Basic ${credentials}` },
    });
  } catch (error) {
    if (error instanceof EmError && error.code === ErrorCode.EmAuth) {
      throw new EmError(
        ErrorCode.EmAuth,
        `Enterprise Manager at ${options.apiBase} refused the logon of user "${options.username}": wrong user name or password, or the account has no Enterprise Manager role`,
        { status: 401, request: error.request },
      );
    }
    throw error;
  }
  const token = response.headers[TOKEN_HEADER.toLowerCase()];
  if (!token) {
    throw new EmError(
      ErrorCode.EmParse,
      `the logon answer from ${options.apiBase} has no ${TOKEN_HEADER} header`,
      {
        request: 'POST sessionMngr',
      },
    );
  }
  return { token, session: mapXml(parseXml(response.body).node, mapLogonSession) };
}
