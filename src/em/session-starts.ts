import type { EmClient } from './client.js';
import { MAX_PAGE_SIZE, isSafeFilterText, where } from './query.js';
import { SESSION_FIELDS } from './query-fields.js';
import { guidOf, uidChunks, uidsFilter } from './uid-batches.js';
import type { SessionKind } from './types.js';

/** Sessions one batched query reads at most: jobs past their slot have run a few times since, not thousands. */
const MAX_SESSIONS_PER_QUERY = 5_000;

/** A job or CDP policy, by UID, and the type of its sessions. */
export interface SessionOwner {
  uid: string;
  kind: SessionKind;
}

/**
 * The newest session start since `since` of each owner, by UID, in few requests: per session type, one query per
 * chunk of owners, an OR of their UIDs AND-ed with the creation time (`(JobUid=="urn:…",…);CreationTime>="…"`,
 * docs/em-protocol.md, "How AND and OR bind"), newest first, paged. Each row goes back to its owner by its
 * `JobUid`/`PolicyUid`, compared by GUID. An owner with no session since then is absent, as is one whose UID is
 * not safe to send or whose type has no owner UID field.
 */
export async function newestStartsSince(
  client: EmClient,
  owners: SessionOwner[],
  since: Date,
): Promise<Map<string, number>> {
  const starts = new Map<string, number>();
  for (const [kind, uids] of byKind(owners)) {
    const fields = SESSION_FIELDS[kind];
    if (fields.ownerUid === undefined) continue;
    const ownerField = fields.ownerUid;
    const read = async (chunk: string[], limit: number): Promise<boolean> => {
      const filter = {
        and: [uidsFilter(ownerField, chunk), where(fields.creation, '>=', since)],
      };
      const sessions = await client.querySessions(
        { type: kind, filter, sortDesc: fields.creation, pageSize: Math.min(limit, MAX_PAGE_SIZE) },
        limit,
      );
      const byGuid = new Map(chunk.map((uid) => [guidOf(uid), uid]));
      for (const session of sessions) {
        const uid = session.jobUid === undefined ? undefined : byGuid.get(guidOf(session.jobUid));
        const at = session.creationTime?.getTime();
        if (uid === undefined || at === undefined) continue;
        if (at > (starts.get(uid) ?? -Infinity)) starts.set(uid, at);
      }
      return sessions.length >= limit;
    };
    for (const chunk of uidChunks(ownerField, uids)) {
      // Cut short, the newest rows may all be other owners': those not seen are read one by one, a page of one.
      if (!(await read(chunk, MAX_SESSIONS_PER_QUERY))) continue;
      for (const uid of chunk) if (!starts.has(uid)) await read([uid], 1);
    }
  }
  return starts;
}

function byKind(owners: SessionOwner[]): Map<SessionKind, string[]> {
  const groups = new Map<SessionKind, string[]>();
  for (const { uid, kind } of owners) {
    if (!isSafeFilterText(uid)) continue;
    const group = groups.get(kind) ?? [];
    if (!group.includes(uid)) group.push(uid);
    groups.set(kind, group);
  }
  return groups;
}
