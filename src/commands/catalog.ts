import Fuse from 'fuse.js';
import type { EmClient } from '../em/client.js';
import type { SessionKind } from '../em/types.js';
import { isSafeFilterText, where } from '../em/query.js';
import { TASK_SESSION_KINDS } from '../em/types.js';
import type { Clock } from '../shared/clock.js';

export type CatalogKind = 'job' | 'policy' | 'plan' | 'vm';

/** One name users can ask about, with what is needed to query its sessions without user text in the filter. */
export interface CatalogEntry {
  name: string;
  kind: CatalogKind;
  uid: string | undefined;
  /** The session type a job's sessions have (`BackupJobSession`, `ReplicaJobSession`, `CdpReplicaSession`, ...). */
  sessionKind: SessionKind | undefined;
}

/** Known job, policy, plan and VM names, refreshed from EM at most every `ttlMs`. */
export interface Catalog {
  entries(): Promise<CatalogEntry[]>;
  /** Exact, case-insensitive matches of the given kinds. */
  find(name: string, kinds: readonly CatalogKind[]): Promise<CatalogEntry[]>;
  /** The closest names of the given kinds (fuzzy), best first. */
  suggest(name: string, kinds: readonly CatalogKind[], limit?: number): Promise<CatalogEntry[]>;
}

const JOB_LIMIT = 5000;
const RECENT_TASKS_PER_KIND = 500;

/** Builds the catalog over the EM client; names come from one paged query per type, cached. */
export function createCatalog(deps: { client: EmClient; clock: Clock; ttlMs?: number }): Catalog {
  const ttlMs = deps.ttlMs ?? 10 * 60_000;
  let cached: { at: number; entries: CatalogEntry[]; fuse: Fuse<CatalogEntry> } | undefined;
  let loading: Promise<NonNullable<typeof cached>> | undefined;

  const load = async () => {
    const entries = dedupe(
      (await Promise.all([jobs(deps.client), policiesAndPlans(deps.client), vms(deps.client)])).flat(),
    );
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
      const cached = snapshot.entries.filter(
        (e) => kinds.includes(e.kind) && e.name.toLocaleLowerCase() === wanted,
      );
      if (cached.length > 0) return cached;
      // A job created since the catalog was loaded: ask EM for that one name rather than reload everything.
      const fresh = await lookUpByName(deps.client, name, kinds);
      snapshot.entries.push(...fresh);
      if (fresh.length > 0) snapshot.fuse.setCollection(snapshot.entries);
      return fresh;
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

const OWNER_TYPES: Array<[CatalogKind, string, SessionKind]> = [
  ['job', 'Job', 'BackupJobSession'],
  ['policy', 'CdpPolicy', 'CdpReplicaSession'],
  ['plan', 'CloudFailoverPlan', 'CloudFailoverSession'],
];

/** One filtered query per wanted kind for an exact name; names the filter cannot carry safely find nothing. */
async function lookUpByName(
  client: EmClient,
  name: string,
  kinds: readonly CatalogKind[],
): Promise<CatalogEntry[]> {
  if (!isSafeFilterText(name)) return [];
  const wanted = OWNER_TYPES.filter(([kind]) => kinds.includes(kind));
  const found = await Promise.all(
    wanted.map(async ([kind, type, sessionKind]) => {
      const entries: CatalogEntry[] = [];
      for await (const page of client.pages(
        { type, format: 'Entities', filter: where('Name', '==', name), pageSize: 5 },
        5,
      )) {
        for (const entity of page.entities) {
          const replica = kind === 'job' && /replica/i.test(entity.fields['JobType'] ?? '');
          entries.push({
            name: entity.name,
            kind,
            uid: entity.uid,
            sessionKind: replica ? 'ReplicaJobSession' : sessionKind,
          });
        }
      }
      return entries;
    }),
  );
  return found.flat();
}

async function jobs(client: EmClient): Promise<CatalogEntry[]> {
  const found: CatalogEntry[] = [];
  for await (const page of client.pages(
    { type: 'Job', format: 'Entities', sortAsc: 'Name', pageSize: 1000 },
    JOB_LIMIT,
  )) {
    for (const job of page.entities) {
      const replica = /replica/i.test(job.fields['JobType'] ?? '');
      found.push({
        name: job.name,
        kind: 'job',
        uid: job.uid,
        sessionKind: replica ? 'ReplicaJobSession' : 'BackupJobSession',
      });
    }
  }
  return found;
}

async function policiesAndPlans(client: EmClient): Promise<CatalogEntry[]> {
  const [policies, plans] = await Promise.all([
    client.queryReferences(
      { type: 'CdpPolicy', format: 'References', sortAsc: 'Name', pageSize: 1000 },
      JOB_LIMIT,
    ),
    client.queryReferences(
      { type: 'CloudFailoverPlan', format: 'References', sortAsc: 'Name', pageSize: 1000 },
      JOB_LIMIT,
    ),
  ]);
  return [
    ...policies.map((p): CatalogEntry => ({
      name: p.name,
      kind: 'policy',
      uid: p.uid,
      sessionKind: 'CdpReplicaSession',
    })),
    ...plans.map((p): CatalogEntry => ({
      name: p.name,
      kind: 'plan',
      uid: p.uid,
      sessionKind: 'CloudFailoverSession',
    })),
  ];
}

/** EM has no VM list of its own for this; the VMs of recent task sessions are the ones people ask about. */
async function vms(client: EmClient): Promise<CatalogEntry[]> {
  const pages = await Promise.all(
    TASK_SESSION_KINDS.map((kind) =>
      client.queryTaskSessions(
        {
          type: kind,
          sortDesc: kind === 'CdpReplicaTaskSession' ? 'CreationTimeUTC' : 'CreationTime',
          pageSize: RECENT_TASKS_PER_KIND,
        },
        RECENT_TASKS_PER_KIND,
      ),
    ),
  );
  return pages
    .flat()
    .map((task): CatalogEntry => ({ name: task.vmName, kind: 'vm', uid: undefined, sessionKind: undefined }));
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
