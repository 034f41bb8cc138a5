import { isDeepStrictEqual } from 'node:util';
import { AppError, ErrorCode } from '../../shared/errors.js';
import { mergeJson } from '../merge-json.js';
import type { StateDiff, StateSnapshot } from '../state-diff.js';
import type { DbQuery } from './pg.js';

// What a save does beyond writing its diff when other replicas write the same database: claim new keys once,
// merge fields another writer changed meanwhile.

/** How long a claim row is kept: longer than any record that can still be added under its key. */
const CLAIMS_KEPT_DAYS = 40;

/** Claims matter for minutes (a confirmation token) or a day (a digest); older ones only take space. */
export async function pruneClaims(q: DbQuery): Promise<void> {
  await q.query(`DELETE FROM claims WHERE claimed_at < now() - interval '${CLAIMS_KEPT_DAYS} days'`);
}

/** Record fields whose keys are recorded once (kind in the `claims` table): one digest per channel and day. */
const CLAIMED_FIELDS: Record<string, string> = { digests: 'digest' };

/**
 * A record this save adds to a claimed field takes its key in `claims` in the same transaction: the primary key,
 * not a read, decides that two writers cannot both record the same channel's digest of one day.
 */
export async function claimNewKeys(tx: DbQuery, before: StateSnapshot, diff: StateDiff): Promise<void> {
  for (const [field, kind] of Object.entries(CLAIMED_FIELDS)) {
    const value = diff.fields[field];
    if (typeof value !== 'object' || value === null) continue;
    const read = before.fields.get(field);
    const known = read === undefined ? {} : (JSON.parse(read) as Record<string, unknown>);
    const added = Object.keys(value).filter((key) => !(key in known));
    if (added.length === 0) continue;
    const { rows } = await tx.query<{ key: string }>(
      `INSERT INTO claims (kind, key) SELECT $1, k FROM unnest($2::text[]) k ON CONFLICT DO NOTHING RETURNING key`,
      [kind, added],
    );
    await pruneClaims(tx);
    const taken = added.find((key) => !rows.some((row) => row.key === key));
    if (taken !== undefined)
      throw new AppError(ErrorCode.StateFile, `another writer already recorded the ${kind} ${taken}`);
  }
}

/**
 * The fields this save changes that another writer (the leader's poll, a follower's claim) also changed since we
 * read them: locked for the transaction and merged three ways into the diff, so neither change is lost.
 */
export async function mergeConcurrent(
  tx: DbQuery,
  before: StateSnapshot,
  diff: StateDiff,
): Promise<string[]> {
  const names = Object.keys(diff.fields);
  if (names.length === 0) return [];
  const { rows } = await tx.query<{ key: string; value: unknown }>(
    'SELECT key, value FROM state_fields WHERE key = ANY($1::text[]) FOR UPDATE',
    [names],
  );
  const merged: string[] = [];
  for (const { key, value } of rows) {
    const read = before.fields.get(key);
    const base: unknown = read === undefined ? undefined : JSON.parse(read);
    if (isDeepStrictEqual(base, value)) continue;
    diff.fields[key] = mergeJson(base, diff.fields[key], value);
    merged.push(key);
  }
  return merged;
}
