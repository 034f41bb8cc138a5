import { Kind } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import {
  hasRestorePoint,
  restorePointRun,
  SLOT,
  vmPointOf,
  vmPointsOf,
  type VmPoint,
} from '../store/points.js';
import { backupRes, ownerOfBackupGuid, repositoryRes } from '../xml/serialize-estate.js';
import { restorePointRes, vmPointRes } from '../xml/serialize-points.js';
import { notFound, type ApiContext, type Route } from './api-context.js';
import { getRoute, itemReply, listReply } from './route-helpers.js';
import { COLLECTION_WINDOW_MS } from './session-routes.js';

/** Runs of a kind created in the collection window (the same 30 days as session collections). */
function recentRuns(api: ApiContext, kind: Kind): number[] {
  const { store, now } = api.render;
  return store.byCreation[kind]?.range(now - COLLECTION_WINDOW_MS, false, Infinity, false) ?? [];
}

function backupOwners(api: ApiContext, kind: Kind): Owner[] {
  return api.render.store.inventory.owners.filter((o) => o.type === 'Job' && o.kind === kind);
}

function ownerOfBackup(api: ApiContext, guid: string, kind: Kind): Owner {
  const o = ownerOfBackupGuid(api.render.store.inventory, guid, kind);
  if (!o) throw notFound(`${kind === Kind.Replica ? 'Replica' : 'Backup'} ${guid}`);
  return o;
}

function ownerRuns(api: ApiContext, o: Owner): number[] {
  const { store, now } = api.render;
  return store.byOwner(o.index).range(now - COLLECTION_WINDOW_MS, false, Infinity, false);
}

function vmPoints(api: ApiContext, runs: number[]): VmPoint[] {
  return runs.flatMap((id) => vmPointsOf(api.render.store, id, api.render.now));
}

function vmPointRoutes(path: string, replica: boolean): Route[] {
  const kind = replica ? Kind.Replica : Kind.Backup;
  const plural = replica ? 'VmReplicaPoints' : 'VmRestorePoints';
  const base = replica ? SLOT.vmReplicaPoint : SLOT.vmRestorePoint;
  const render = (api: ApiContext) => (p: VmPoint, tag: string, entity: boolean) =>
    vmPointRes(api.render, p, replica, tag, entity);
  return [
    getRoute(path, (api) => listReply(api, vmPoints(api, recentRuns(api, kind)), plural, render(api))),
    getRoute(`${path}/:id`, (api, [guid = '']) => {
      const p = vmPointOf(api.render.store, guid, base, api.render.now);
      if (!p) throw notFound(`${plural.slice(0, -1)} ${guid}`);
      return itemReply(api, plural.slice(0, -1), (tag, entity) => render(api)(p, tag, entity));
    }),
  ];
}

const rpRender = (api: ApiContext) => (id: number, tag: string, entity: boolean) =>
  restorePointRes(api.render, id, tag, entity);

/** Repositories, backups, replicas, restore points, VM restore points and VM replica points. */
export const ESTATE_ROUTES: Route[] = [
  getRoute('repositories', (api) =>
    listReply(api, api.render.store.inventory.repositories, 'Repositories', (r, tag, e) =>
      repositoryRes(api.render, r, tag, e),
    ),
  ),
  getRoute('repositories/:id', (api, [guid = '']) => {
    const r = api.render.store.inventory.repositoryByGuid(guid);
    if (!r) throw notFound(`Repository ${guid}`);
    return itemReply(api, 'Repository', (tag, e) => repositoryRes(api.render, r, tag, e));
  }),
  getRoute('backupServers/:id/repositories', (api, [guid = '']) => {
    const s = api.render.store.inventory.serverByGuid(guid);
    if (!s) throw notFound(`Backup server ${guid}`);
    const repos = api.render.store.inventory.repositories.filter((r) => r.serverIndex === s.index);
    return listReply(api, repos, 'Repositories', (r, tag, e) => repositoryRes(api.render, r, tag, e));
  }),
  ...(['backups', 'replicas'] as const).flatMap((path): Route[] => {
    const kind = path === 'backups' ? Kind.Backup : Kind.Replica;
    const plural = path === 'backups' ? 'Backups' : 'Replicas';
    return [
      getRoute(path, (api) =>
        listReply(api, backupOwners(api, kind), plural, (o, tag, e) => backupRes(api.render, o, tag, e)),
      ),
      getRoute(`${path}/:id`, (api, [guid = '']) => {
        const o = ownerOfBackup(api, guid, kind);
        return itemReply(api, plural.slice(0, -1), (tag, e) => backupRes(api.render, o, tag, e));
      }),
    ];
  }),
  getRoute('backups/:id/restorePoints', (api, [guid = '']) => {
    const runs = ownerRuns(api, ownerOfBackup(api, guid, Kind.Backup));
    const ids = runs.filter((id) => hasRestorePoint(api.render.store, id));
    return listReply(api, ids, 'RestorePoints', rpRender(api));
  }),
  getRoute('replicas/:id/vmReplicaPoints', (api, [guid = '']) => {
    const points = vmPoints(api, ownerRuns(api, ownerOfBackup(api, guid, Kind.Replica)));
    return listReply(api, points, 'VmReplicaPoints', (p, tag, e) => vmPointRes(api.render, p, true, tag, e));
  }),
  getRoute('restorePoints', (api) => {
    const ids = recentRuns(api, Kind.Backup).filter((id) => hasRestorePoint(api.render.store, id));
    return listReply(api, ids, 'RestorePoints', rpRender(api));
  }),
  getRoute('restorePoints/:id', (api, [guid = '']) => {
    const id = restorePointRun(api.render.store, guid);
    if (id < 0) throw notFound(`Restore point ${guid}`);
    return itemReply(api, 'RestorePoint', (tag, e) => rpRender(api)(id, tag, e));
  }),
  getRoute('restorePoints/:id/vmRestorePoints', (api, [guid = '']) => {
    const id = restorePointRun(api.render.store, guid);
    if (id < 0) throw notFound(`Restore point ${guid}`);
    return listReply(api, vmPoints(api, [id]), 'VmRestorePoints', (p, tag, e) =>
      vmPointRes(api.render, p, false, tag, e),
    );
  }),
  ...vmPointRoutes('vmRestorePoints', false),
  ...vmPointRoutes('vmReplicaPoints', true),
];
