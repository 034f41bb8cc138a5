import { randomUUID } from 'node:crypto';
import { PORTAL_USER, type Account } from './accounts.js';

/** One logon: the SessionId GUID and the opaque token derived from it. */
export interface LogonToken {
  sessionId: string;
  token: string;
  userName: string;
  lastUsed: number;
  /** The account's EM role (the main account is a Portal User). */
  role: string;
}

/** Credentials and idle timeout of the token store. */
export interface AuthOptions {
  user: string;
  password: string;
  idleTimeoutMs: number;
  /** The clock idle time is measured on (the simulator passes its scenario clock). */
  now?: () => number;
  /** More accounts besides user/password, each with its role. */
  accounts?: Account[];
}

function bareUser(name: string): string {
  const afterDomain = name.includes('\\') ? name.slice(name.lastIndexOf('\\') + 1) : name;
  return (
    afterDomain.includes('@') ? afterDomain.slice(0, afterDomain.indexOf('@')) : afterDomain
  ).toLowerCase();
}

/** Logon tokens with idle expiry (15 min by default on EM) measured on the injected clock. */
export class TokenStore {
  private readonly byToken = new Map<string, LogonToken>();
  private readonly now: () => number;
  logons = 0;
  logoffs = 0;

  constructor(private readonly options: AuthOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Checks a Basic Authorization header; returns a new token or undefined. */
  logon(authorization: string | undefined): LogonToken | undefined {
    const match = /^basic\s+(.+)$/i.exec(authorization?.trim() ?? '');
    if (!match?.[1]) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const main = { user: this.options.user, password: this.options.password, role: PORTAL_USER };
    const account = [main, ...(this.options.accounts ?? [])].find(
      (a) => bareUser(a.user) === bareUser(user) && a.password === password,
    );
    if (!account) return undefined;
    const sessionId = randomUUID();
    // Token = base64 of the SessionId string, the safest reproduction (docs/em-protocol.md, "Token and SessionId").
    const token = Buffer.from(sessionId, 'utf8').toString('base64');
    // EM answers DOMAIN\user even for a bare user name (docs/em-protocol.md, "User names come back with a domain").
    const userName = user.includes('\\') ? user : `TECH\\${user}`;
    const entry = { sessionId, token, userName, lastUsed: this.now(), role: account.role };
    this.byToken.set(token, entry);
    this.logons++;
    return entry;
  }

  /** The live logon for a token, refreshing its idle timer; undefined when unknown or idle too long. */
  touch(token: string | undefined): LogonToken | undefined {
    if (!token) return undefined;
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.lastUsed > this.options.idleTimeoutMs) {
      this.byToken.delete(token);
      return undefined;
    }
    entry.lastUsed = now;
    return entry;
  }

  bySessionId(sessionId: string): LogonToken | undefined {
    for (const entry of this.byToken.values()) if (entry.sessionId === sessionId.toLowerCase()) return entry;
    return undefined;
  }

  /** Ends a logon by its SessionId (DELETE /logonSessions/{id}). */
  logoff(sessionId: string): boolean {
    const entry = this.bySessionId(sessionId);
    if (!entry) return false;
    this.byToken.delete(entry.token);
    this.logoffs++;
    return true;
  }

  /** All logons that are not idle. */
  active(): LogonToken[] {
    const now = this.now();
    return [...this.byToken.values()].filter((e) => now - e.lastUsed <= this.options.idleTimeoutMs);
  }

  /** Fault injection: every token dies now. */
  expireAll(): void {
    this.byToken.clear();
  }

  resetCounters(): void {
    this.logons = 0;
    this.logoffs = 0;
  }
}

/** The token of a request: the cookie wins over the header when both are sent (docs/em-protocol.md, "Cookie or header"). */
export function requestToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const cookie = headers.cookie;
  const cookieText = Array.isArray(cookie) ? cookie.join('; ') : cookie;
  if (cookieText) {
    for (const part of cookieText.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === 'x-restsvcsessionid')
        return part.slice(eq + 1).trim();
    }
  }
  const header = headers['x-restsvcsessionid'];
  return Array.isArray(header) ? header[0] : header;
}
