import type { EmClient } from './client.js';
import type { EmEntity } from './mappers/documents.js';
import { nameLookup } from './query.js';
import { TASK_FIELDS } from './query-fields.js';
import { TASK_SESSION_KINDS, type EmReference, type SessionKind } from './types.js';

/** The EM types that own sessions: backup and replication jobs, CDP policies, cloud failover plans. */
export type OwnerType = 'Job' | 'CdpPolicy' | 'CloudFailoverPlan';

/** A job, CDP policy or failover plan, with the type its sessions have. */
export interface SessionOwner {
  type: OwnerType;
  name: string;
  /** `urn:veeam:<Type>:<guid>`; empty when EM sent none. */
  uid: string;
  sessionKind: SessionKind;
}

const SESSION_KIND_OF: Record<OwnerType, SessionKind> = {
  Job: 'BackupJobSession',
  CdpPolicy: 'CdpReplicaSession',
  CloudFailoverPlan: 'CloudFailoverSession',
};

/**
 * Every owner of one type, by name, up to `limit`: jobs as entities (their JobType tells replication from
 * backup), policies and plans as references, 1000 a page.
 */
export async function listOwners(client: EmClient, type: OwnerType, limit: number): Promise<SessionOwner[]> {
  if (type !== 'Job') {
    const references = await client.queryReferences(
      { type, format: 'References', sortAsc: 'Name', pageSize: 1000 },
      limit,
    );
    return references.map((r) => ownerOf(type, r));
  }
  const owners: SessionOwner[] = [];
  for await (const page of client.pages(
    { type, format: 'Entities', sortAsc: 'Name', pageSize: 1000 },
    limit,
  )) {
    owners.push(...page.entities.map((e) => ownerOf(type, e)));
  }
  return owners;
}

/**
 * The owners of one type with exactly this name, compared case-insensitively like EM does. Names with
 * `; , ( )` are found through a range on their safe prefix and compared here (see nameLookup).
 */
export async function ownersNamed(client: EmClient, type: OwnerType, name: string): Promise<SessionOwner[]> {
  const lookup = nameLookup('Name', name);
  const owners: SessionOwner[] = [];
  const spec = { type, format: 'Entities' as const, sortAsc: 'Name', pageSize: 100 };
  for await (const page of client.pages(lookup.filter ? { ...spec, filter: lookup.filter } : spec, 2000)) {
    owners.push(...page.entities.filter((e) => lookup.matches(e.name)).map((e) => ownerOf(type, e)));
    if (owners.length >= 5) break;
  }
  return owners;
}

/** The VM names of the newest `perKind` task sessions of each kind, newest first (EM has no VM list for this). */
export async function recentVmNames(client: EmClient, perKind: number): Promise<string[]> {
  const lists = await Promise.all(
    TASK_SESSION_KINDS.map((kind) =>
      client.queryTaskSessions(
        { type: kind, sortDesc: TASK_FIELDS[kind].creation, pageSize: perKind },
        perKind,
      ),
    ),
  );
  return lists.flat().map((task) => task.vmName);
}

function ownerOf(type: OwnerType, item: EmReference | EmEntity): SessionOwner {
  const replica = 'fields' in item && /replica/i.test(item.fields['JobType'] ?? '');
  return {
    type,
    name: item.name,
    uid: item.uid,
    sessionKind: replica ? 'ReplicaJobSession' : SESSION_KIND_OF[type],
  };
}
