import { createHash } from 'node:crypto';
import Fuse from 'fuse.js';
import type { EmClient } from '../em/client.js';
import { listOwners, ownersNamed, recentVmNames, type OwnerType, type SessionOwner } from '../em/owners.js';
import type { SessionKind } from '../em/types.js';
import type { Clock } from '../shared/clock.js';

export type CatalogKind = 'job' | 'policy' | 'plan' | 'vm';

/** One name users can ask about, with what is needed to query its sessions without user text in the filter. */
export interface CatalogEntry {
  name: string;
  kind: CatalogKind;
  uid: string | undefined;
  /** The session type a job's sessions have (`BackupJobSession`, `ReplicaJobSession`, `CdpReplicaSession`, ...). */
  sessionKind: SessionKind | undefined;
  /** A short stable key for buttons: the EM UID, or (VMs, entries without one) a digest of kind and name. */
  ref: string;
}

/** Known job, policy, plan and VM names, refreshed from EM at most every `ttlMs`. */
export interface Catalog {
  entries(): Promise<CatalogEntry[]>;
  /** Exact, case-insensitive matches of the given kinds. */
  find(name: string, kinds: readonly CatalogKind[]): Promise<CatalogEntry[]>;
  /** The entry a button's `ref` names, if it is (still) known and of one of the given kinds. */
  byRef(ref: string, kinds: readonly CatalogKind[]): Promise<CatalogEntry | undefined>;
  /** The closest names of the given kinds (fuzzy), best first. */
  suggest(name: string, kinds: readonly CatalogKind[], limit?: number): Promise<CatalogEntry[]>;
}

const OWNER_LIMIT = 5000;
const RECENT_TASKS_PER_KIND = 500;
const OWNER_KINDS: Array<[CatalogKind, OwnerType]> = [
  ['job', 'Job'],
  ['policy', 'CdpPolicy'],
  ['plan', 'CloudFailoverPlan'],
];

/** Builds the catalog over the EM client; names come from one paged query per type, cached. */
export function createCatalog(deps: { client: EmClient; clock: Clock; ttlMs?: number }): Catalog {
  const ttlMs = deps.ttlMs ?? 10 * 60_000;
  let cached: { at: number; entries: CatalogEntry[]; fuse: Fuse<CatalogEntry> } | undefined;
  let loading: Promise<NonNullable<typeof cached>> | undefined;

  const load = async () => {
    const entries = dedupe(await loadEntries(deps.client));
    const fuse = new Fuse(entries, {
      keys: ['name'],
      threshold: 0.4,
      ignoreLocation: true,
      includeScore: true,
    });
    cached = { at: deps.clock.now(), entries, fuse };
    return cached;
  };
  const current = async () => {
    if (cached && deps.clock.now() - cached.at < ttlMs) return cached;
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  return {
    entries: async () => (await current()).entries,
    async find(name, kinds) {
      const wanted = name.toLocaleLowerCase();
      const snapshot = await current();
      const known = snapshot.entries.filter(
        (e) => kinds.includes(e.kind) && e.name.toLocaleLowerCase() === wanted,
      );
      if (known.length > 0) return known;
      // A job created since the catalog was loaded: ask EM for that one name rather than reload everything.
      const fresh = await lookUpByName(deps.client, name, kinds);
      snapshot.entries.push(...fresh);
      if (fresh.length > 0) snapshot.fuse.setCollection(snapshot.entries);
      return fresh;
    },
    async byRef(ref, kinds) {
      return (await current()).entries.find((e) => e.ref === ref && kinds.includes(e.kind));
    },
    async suggest(name, kinds, limit = 5) {
      const { fuse } = await current();
      return fuse
        .search(name.slice(0, 100))
        .map((result) => result.item)
        .filter((entry) => kinds.includes(entry.kind))
        .slice(0, limit);
    },
  };
}

async function loadEntries(client: EmClient): Promise<CatalogEntry[]> {
  const [owners, vms] = await Promise.all([
    Promise.all(
      OWNER_KINDS.map(async ([kind, type]) =>
        (await listOwners(client, type, OWNER_LIMIT)).map((o) => ownerEntry(kind, o)),
      ),
    ),
    recentVmNames(client, RECENT_TASKS_PER_KIND),
  ]);
  return [...owners.flat(), ...vms.map(vmEntry)];
}

/** One filtered query per wanted owner kind for an exact name. */
async function lookUpByName(
  client: EmClient,
  name: string,
  kinds: readonly CatalogKind[],
): Promise<CatalogEntry[]> {
  const wanted = OWNER_KINDS.filter(([kind]) => kinds.includes(kind));
  const found = await Promise.all(
    wanted.map(async ([kind, type]) =>
      (await ownersNamed(client, type, name)).map((o) => ownerEntry(kind, o)),
    ),
  );
  return found.flat();
}

function ownerEntry(kind: CatalogKind, owner: SessionOwner): CatalogEntry {
  return {
    name: owner.name,
    kind,
    uid: owner.uid,
    sessionKind: owner.sessionKind,
    ref: owner.uid || digestRef(kind, owner.name),
  };
}

function vmEntry(name: string): CatalogEntry {
  return { name, kind: 'vm', uid: undefined, sessionKind: undefined, ref: digestRef('vm', name) };
}

/** A key that survives a catalog reload for an entry EM gives no UID: the same kind and name, the same key. */
function digestRef(kind: CatalogKind, name: string): string {
  const digest = createHash('sha256').update(`${kind}\u0000${name.toLocaleLowerCase()}`).digest('hex');
  return `${kind}~${digest.slice(0, 20)}`;
}

function dedupe(entries: CatalogEntry[]): CatalogEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.kind}\u0000${entry.name.toLocaleLowerCase()}`;
    if (entry.name === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
