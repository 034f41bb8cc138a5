import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { JobAction } from '../../em/job-actions.js';

/** How long a confirmation modal stays valid. */
export const ACTION_TOKEN_TTL_MS = 5 * 60_000;

/** What a confirmation token names: who, which job (UID and Href), which action, until when. */
export interface ActionClaims {
  user: string;
  jobUid: string;
  jobHref: string;
  jobName: string;
  action: JobAction;
  /** Where to report (the alert's channel and thread, or the command's channel). */
  channel: string;
  threadTs?: string;
  /** The incident whose alert's button asked (its key in the state), for the audit. */
  incident?: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
  /** A one-time id, remembered once used so a replay does nothing. */
  nonce: string;
}

/** Why a submitted token was refused. */
export type TokenRefusal = 'forged' | 'expired' | 'other_user' | 'replayed';

/** The outcome of checking a submitted token. */
export type TokenCheck = { ok: true; claims: ActionClaims } | { ok: false; refusal: TokenRefusal };

/** Signs and checks confirmation tokens (HMAC-SHA256) and remembers used ones until they expire. */
export interface ActionTokens {
  sign(claims: Omit<ActionClaims, 'expiresAt' | 'nonce'>, now: number): string;
  /** Checks signature, submitter, expiry and replay; a token that passes is spent. */
  redeem(token: string, submitter: string, now: number): TokenCheck;
}

const ACTIONS: readonly string[] = ['start', 'stop', 'retry'];

/** Tokens keyed by `key`; the used set is bounded by the tokens' own expiry. */
export function createActionTokens(key: string): ActionTokens {
  const used = new Map<string, number>();
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign(claims, now) {
      const full: ActionClaims = {
        ...claims,
        expiresAt: now + ACTION_TOKEN_TTL_MS,
        nonce: randomBytes(12).toString('hex'),
      };
      const body = Buffer.from(JSON.stringify(full)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    redeem(token, submitter, now) {
      for (const [nonce, expiry] of used) if (expiry <= now) used.delete(nonce);
      const claims = verified(token, mac);
      if (!claims) return { ok: false, refusal: 'forged' };
      if (claims.expiresAt <= now) return { ok: false, refusal: 'expired' };
      if (claims.user !== submitter) return { ok: false, refusal: 'other_user' };
      if (used.has(claims.nonce)) return { ok: false, refusal: 'replayed' };
      used.set(claims.nonce, claims.expiresAt);
      return { ok: true, claims };
    },
  };
}

function verified(token: string, mac: (body: string) => Buffer): ActionClaims | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = mac(body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch (error) {
    // A valid MAC over a body that is not JSON cannot come from us; treat it as forged.
    void error;
    return undefined;
  }
  return isClaims(parsed) ? parsed : undefined;
}

function isClaims(value: unknown): value is ActionClaims {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['user'] === 'string' &&
    typeof v['jobUid'] === 'string' &&
    typeof v['jobHref'] === 'string' &&
    typeof v['action'] === 'string' &&
    ACTIONS.includes(v['action']) &&
    typeof v['expiresAt'] === 'number' &&
    typeof v['nonce'] === 'string'
  );
}
