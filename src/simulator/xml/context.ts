import { formatNameTime } from '../util/dates.js';
import { Kind, SESSION_TYPE } from '../model/enums.js';
import type { BackupServer, Owner } from '../model/entities.js';
import type { Store } from '../store/store.js';
import type { Link } from './resource.js';

/** What every serializer needs: the store, the Href base (`<origin>/api`), the scenario time, options. */
export interface RenderContext {
  store: Store;
  /** `https://host:port/api`, no trailing slash (docs/em-protocol.md, "Host names in links": configurable public origin). */
  base: string;
  now: number;
  /** Emit `repicaTaskSessions` on ReplicaJobSession Down links (docs/em-protocol.md, "Whether misspelt replica task links resolve"). */
  replicaTaskTypo: boolean;
  /**
   * Leave out job and plan action links (`Start`, `Stop`, `Retry`, `Sync`, `Test`, `Undo`): the logon's role may
   * not run them (docs/em-protocol.md, "Action links and roles"). Unset: links shown (the control API has no logon).
   */
  hideActionLinks?: boolean;
}

/** Collection path of each session kind. */
export const SESSION_PATH: Record<Kind, string> = {
  0: 'backupSessions',
  1: 'replicaSessions',
  2: 'cdpReplicaSessions',
  3: 'cloud/failoverSessions',
};

/** Collection path of each kind's task sessions. */
export const TASK_PATH: Record<Kind, string> = {
  0: 'backupTaskSessions',
  1: 'replicaTaskSessions',
  2: 'cdpReplicaTaskSessions',
  3: '',
};

/** Path of the per-session task list (the Down link) for each kind. */
export function taskListPath(kind: Kind, guid: string, typo: boolean): string {
  if (kind === Kind.Backup) return `backupSessions/${guid}/taskSessions`;
  if (kind === Kind.Replica)
    return `replicaSessions/${guid}/${typo ? 'repicaTaskSessions' : 'replicaTaskSessions'}`;
  return `cdpReplicaSessions/${guid}/cdpReplicaTaskSessions`;
}

export function ownerOf(ctx: RenderContext, id: number): Owner {
  const owner = ctx.store.inventory.owners[ctx.store.cols.owner[id] as number];
  if (!owner) throw new Error(`session ${id} has no owner`);
  return owner;
}

export function serverOf(ctx: RenderContext, owner: Owner): BackupServer {
  const server = ctx.store.inventory.servers[owner.serverIndex];
  if (!server) throw new Error(`owner ${owner.name} has no server`);
  return server;
}

/** `Up BackupServerReference` link. */
export function serverLink(ctx: RenderContext, server: BackupServer): Link {
  return {
    rel: 'Up',
    type: 'BackupServerReference',
    href: `${ctx.base}/backupServers/${server.guid}`,
    name: server.name,
  };
}

/** Path and reference type of an owner (job, CDP policy, cloud failover plan). */
export function ownerPath(owner: Owner): { path: string; type: string } {
  if (owner.type === 'CdpPolicy') return { path: `cdpPolicies/${owner.guid}`, type: 'CdpPolicy' };
  if (owner.type === 'CloudFailoverPlan')
    return { path: `cloud/cloudFailoverPlans/${owner.guid}`, type: 'CloudFailoverPlan' };
  return { path: `jobs/${owner.guid}`, type: 'Job' };
}

/** Session name: `<JobName>@yyyy-MM-dd HH:mm:ss`; cloud failover sessions carry the plan name (docs/em-protocol.md, "Names with timestamps"). */
export function sessionName(ctx: RenderContext, id: number): string {
  const owner = ownerOf(ctx, id);
  if (ctx.store.kindOf(id) === Kind.Failover) return owner.name;
  return `${owner.name}@${formatNameTime(ctx.store.cols.creation[id] as number)}`;
}

/** `urn:veeam:<Type>:<guid>` of a session. */
export function sessionUid(ctx: RenderContext, id: number): string {
  return `urn:veeam:${SESSION_TYPE[ctx.store.kindOf(id)]}:${ctx.store.guid(id)}`;
}
