import { formatEmDate, formatNameTime } from '../util/dates.js';
import { isFullRun, SLOT, type VmPoint } from '../store/points.js';
import { ownerOf, serverLink, serverOf, type RenderContext } from './context.js';
import type { Link, Res } from './resource.js';
import { backupPath } from './serialize-estate.js';

/** Path of the restore point a backup run left. */
export function restorePointPath(ctx: RenderContext, id: number): string {
  return `restorePoints/${ctx.store.guid(id, SLOT.restorePoint)}`;
}

/** Path of a VM restore point (`vmRestorePoints/`) or VM replica point (`vmReplicaPoints/`). */
export function vmPointPath(ctx: RenderContext, p: VmPoint, replica: boolean): string {
  const base = replica ? SLOT.vmReplicaPoint : SLOT.vmRestorePoint;
  return `${replica ? 'vmReplicaPoints' : 'vmRestorePoints'}/${ctx.store.guid(p.id, base + p.task.slot)}`;
}

function attrs(type: string, self: string, name: string, guid: string, entity: boolean): Res['attrs'] {
  return [
    ['Type', entity ? type : `${type}Reference`],
    ['Href', entity ? `${self}?format=Entity` : self],
    ['Name', name],
    ['UID', `urn:veeam:${type}:${guid}`],
  ];
}

function alternate(type: string, self: string, name: string, entity: boolean): Link {
  return entity
    ? { rel: 'Alternate', type: `${type}Reference`, href: self, name }
    : { rel: 'Alternate', type, href: `${self}?format=Entity`, name };
}

/** A backup run's RestorePoint: Up to its Backup, Down to its VM restore points. */
export function restorePointRes(ctx: RenderContext, id: number, tag: string, entity: boolean): Res {
  const owner = ownerOf(ctx, id);
  const guid = ctx.store.guid(id, SLOT.restorePoint);
  const self = `${ctx.base}/restorePoints/${guid}`;
  const created = ctx.store.cols.end[id] as number;
  const name = `${owner.name}@${formatNameTime(created)}`;
  const backup = backupPath(owner);
  const links: Link[] = [
    { rel: 'Up', type: 'BackupReference', href: `${ctx.base}/${backup.path}`, name: owner.name },
    alternate('RestorePoint', self, name, entity),
    { rel: 'Down', type: 'VmRestorePointReferenceList', href: `${self}/vmRestorePoints` },
  ];
  const full = isFullRun(ctx.store, id);
  return {
    tag,
    attrs: attrs('RestorePoint', self, name, guid, entity),
    links,
    fields: entity
      ? [
          ['CreationTimeUTC', formatEmDate(created)],
          ['Type', full ? 'Full' : 'Increment'],
        ]
      : [],
  };
}

/** A VmRestorePoint (backup runs) or VmReplicaPoint (replica runs) of one VM. */
export function vmPointRes(
  ctx: RenderContext,
  p: VmPoint,
  replica: boolean,
  tag: string,
  entity: boolean,
): Res {
  const type = replica ? 'VmReplicaPoint' : 'VmRestorePoint';
  const owner = ownerOf(ctx, p.id);
  const path = vmPointPath(ctx, p, replica);
  const guid = path.slice(path.indexOf('/') + 1);
  const self = `${ctx.base}/${path}`;
  const name = `${p.task.vmName}@${formatNameTime(p.task.end)}`;
  const backup = backupPath(owner);
  const links: Link[] = replica
    ? [serverLink(ctx, serverOf(ctx, owner))]
    : [{ rel: 'Up', type: 'RestorePointReference', href: `${ctx.base}/${restorePointPath(ctx, p.id)}` }];
  links.push(
    { rel: 'Up', type: `${backup.type}Reference`, href: `${ctx.base}/${backup.path}`, name: owner.name },
    alternate(type, self, name, entity),
  );
  const full = isFullRun(ctx.store, p.id);
  const vm = ctx.store.inventory.vms[p.task.vmIndex];
  const fields: Res['fields'] = [
    ['CreationTimeUTC', formatEmDate(p.task.end)],
    ['VmName', p.task.vmName],
    ['Algorithm', full ? 'Full' : 'Increment'],
    ['PointType', full ? 'Full' : 'Increment'],
    ['HierarchyObjRef', vm?.uid ?? ''],
  ];
  if (!replica) fields.splice(2, 0, ['Type', full ? 'Full' : 'Increment']);
  return { tag, attrs: attrs(type, self, name, guid, entity), links, fields: entity ? fields : [] };
}
