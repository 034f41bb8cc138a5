import { Kind } from '../model/enums.js';
import type { Owner, Repository } from '../model/entities.js';
import type { Inventory } from '../store/inventory.js';
import { serverLink, type RenderContext } from './context.js';
import type { Link, Res } from './resource.js';

/** A job's Backup (backup jobs) or Replica (replication jobs) GUID: the job GUID with its first word flipped. */
export function backupGuidOf(o: Owner): string {
  const word = (parseInt(o.guid.slice(0, 8), 16) ^ 0x5eed5eed) >>> 0;
  return `${word.toString(16).padStart(8, '0')}${o.guid.slice(8)}`;
}

/** The job behind a Backup or Replica GUID (the same flip undone), or undefined. */
export function ownerOfBackupGuid(inv: Inventory, guid: string, kind: Kind): Owner | undefined {
  if (!/^[0-9a-f]{8}-/i.test(guid)) return undefined;
  const owner = inv.ownerByGuid(backupGuidOf({ guid: guid.toLowerCase() } as Owner));
  return owner && owner.type === 'Job' && owner.kind === kind ? owner : undefined;
}

/** Collection path and type name of a job's backup (Backup) or replica (Replica). */
export function backupPath(o: Owner): { path: string; type: string } {
  return o.kind === Kind.Replica
    ? { path: `replicas/${backupGuidOf(o)}`, type: 'Replica' }
    : { path: `backups/${backupGuidOf(o)}`, type: 'Backup' };
}

function head(
  tag: string,
  type: string,
  self: string,
  name: string,
  guid: string,
  entity: boolean,
): Pick<Res, 'tag' | 'attrs'> {
  return {
    tag,
    attrs: [
      ['Type', entity ? type : `${type}Reference`],
      ['Href', entity ? `${self}?format=Entity` : self],
      ['Name', name],
      ['UID', `urn:veeam:${type}:${guid}`],
    ],
  };
}

function alternate(type: string, self: string, name: string, entity: boolean): Link {
  return entity
    ? { rel: 'Alternate', type: `${type}Reference`, href: self, name }
    : { rel: 'Alternate', type, href: `${self}?format=Entity`, name };
}

/** A repository as Ref/EntityRef or entity (`Capacity`, `FreeSpace` in bytes, `Kind`). */
export function repositoryRes(ctx: RenderContext, r: Repository, tag: string, entity: boolean): Res {
  const self = `${ctx.base}/repositories/${r.guid}`;
  const server = ctx.store.inventory.servers[r.serverIndex];
  const links: Link[] = [
    ...(server ? [serverLink(ctx, server)] : []),
    alternate('Repository', self, r.name, entity),
  ];
  return {
    ...head(tag, 'Repository', self, r.name, r.guid, entity),
    links,
    fields: entity
      ? [
          ['Capacity', Math.round(r.capacity)],
          ['FreeSpace', Math.round(ctx.store.inventory.freeSpace(r))],
          ['Kind', r.kind],
        ]
      : [],
  };
}

/** A job's Backup or Replica as Ref/EntityRef or entity, with its restore point / replica point list. */
export function backupRes(ctx: RenderContext, o: Owner, tag: string, entity: boolean): Res {
  const { path, type } = backupPath(o);
  const self = `${ctx.base}/${path}`;
  const server = ctx.store.inventory.servers[o.serverIndex];
  const repo = ctx.store.inventory.repositories[o.repositoryIndex];
  const down: Link =
    type === 'Backup'
      ? { rel: 'Down', type: 'RestorePointReferenceList', href: `${self}/restorePoints` }
      : { rel: 'Down', type: 'VmReplicaPointReferenceList', href: `${self}/vmReplicaPoints` };
  const links: Link[] = [
    ...(server ? [serverLink(ctx, server)] : []),
    alternate(type, self, o.name, entity),
    down,
    { rel: 'Related', type: 'JobReference', href: `${ctx.base}/jobs/${o.guid}`, name: o.name },
  ];
  return {
    ...head(tag, type, self, o.name, backupGuidOf(o), entity),
    links,
    fields: entity
      ? [
          ['JobUid', `urn:veeam:Job:${o.guid}`],
          ['JobName', o.name],
          ['JobType', o.jobType],
          ['Platform', o.platform],
          ['RepositoryUid', repo ? `urn:veeam:Repository:${repo.guid}` : undefined],
        ]
      : [],
  };
}
