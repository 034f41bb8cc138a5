import { ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { EmError } from './errors.js';
import type { EmRequest, EmResponse, HttpTransport } from './http.js';
import { mapLogonSession } from './mappers/envelopes.js';
import type { LogonSession } from './types.js';
import { parseXml } from './xml.js';

export interface AuthOptions {
  transport: HttpTransport;
  apiBase: string;
  username: string;
  password: string;
  logger: Logger;
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

/** Wraps the transport with EM's token authentication (docs/em-protocol.md, "Logon and the session token"). */
export function createAuthenticatedTransport(options: AuthOptions): AuthenticatedTransport {
  let current: Promise<Logon> | undefined;
  let logons = 0;

  const freshLogon = (): Promise<Logon> => {
    logons += 1;
    const attempt = logonOnce(options).catch((error: unknown) => {
      if (current === attempt) current = undefined; // let the next request try again
      throw error;
    });
    current = attempt;
    return attempt;
  };

  const ensureLogon = (): Promise<Logon> => current ?? freshLogon();

  const withToken = (request: EmRequest, token: string): EmRequest => ({
    ...request,
    headers: { ...request.headers, [TOKEN_HEADER]: token },
  });

  return {
    async send(request) {
      const used = ensureLogon();
      const { token } = await used;
      try {
        return await options.transport.send(withToken(request, token));
      } catch (error) {
        if (!(error instanceof EmError) || error.code !== ErrorCode.EmAuth) throw error;
        // The token idled out or EM restarted: the first request to notice starts one re-logon, the rest join it.
        const renewed = current === used ? freshLogon() : ensureLogon();
        const { token: fresh } = await renewed;
        options.logger.info({ request: error.request }, 'EM logon session expired; logged on again');
        return options.transport.send(withToken(request, fresh));
      }
    },
    logon: async () => (await ensureLogon()).session,
    async logoff() {
      const active = current;
      current = undefined;
      if (!active) return;
      const logon = await active.catch(() => undefined);
      if (!logon) return;
      const target =
        logon.session.links.find((link) => link.rel === 'Delete')?.href ??
        `logonSessions/${logon.session.sessionId}`;
      await options.transport
        .send(withToken({ method: 'DELETE', target }, logon.token))
        .catch((error: unknown) => {
          options.logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'EM logoff failed',
          );
        });
    },
    logonCount: () => logons,
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
  return { token, session: mapLogonSession(parseXml(response.body).node) };
}
