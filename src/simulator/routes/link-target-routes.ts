import type { Owner, OwnerType } from '../model/entities.js';
import { SLOT } from '../store/points.js';
import { ownerPath } from '../xml/context.js';
import { listRes, type Res } from '../xml/resource.js';
import { ownerEntity, ownerRef } from '../xml/serialize-infra.js';
import { includeRes, includes, objectInJobId } from '../xml/serialize-owner-info.js';
import { lookupRes, lookupServiceRes } from '../xml/serialize-lookup.js';
import { reportRes, summaryRes } from '../xml/serialize-reports.js';
import { QUERY_TYPES } from '../query/query-types.js';
import { notFound, ok, type ApiContext, type Route } from './api-context.js';
import { emptyRoute, getRoute, listReply } from './route-helpers.js';

function ownerOf(api: ApiContext, type: OwnerType, guid: string): Owner {
  const o = api.render.store.inventory.ownerByGuid(guid);
  if (!o || o.type !== type) throw notFound(`${type} ${guid}`);
  return o;
}

function includeRoutes(type: OwnerType): Route[] {
  const path = ownerPath({ type, guid: ':id' } as Owner).path;
  const list = type === 'CloudFailoverPlan' ? 'CloudFailoverPlanVms' : 'ObjectsInJob';
  return [
    getRoute(`${path}/includes`, (api, [guid = '']) =>
      ok(listRes(list, includes(api.render, ownerOf(api, type, guid)))),
    ),
    getRoute(`${path}/includes/:id`, (api, [guid = '', objectId = '']) => {
      const o = ownerOf(api, type, guid);
      const n = o.vms.findIndex((_vm, i) => objectInJobId(o, i) === objectId.toLowerCase());
      if (n < 0) throw notFound(`Object in job ${objectId}`);
      return ok(includeRes(api.render, o, n));
    }),
  ];
}

/** `QueryService`: one Down link per query type the simulator answers. */
function queryService(api: ApiContext): Res {
  return {
    tag: 'QueryService',
    attrs: [
      ['Type', 'QueryService'],
      ['Href', `${api.render.base}/querySvc`],
    ],
    links: [...QUERY_TYPES.values()].map(({ name }) => ({
      rel: 'Down',
      type: 'QueryResult',
      href: `${api.render.base}/query?type=${name}`,
      name,
    })),
    fields: [],
  };
}

/** A cloud failover task's replica point: a reference only (cloud replicas are out of scope). */
function cloudReplicaPoint(api: ApiContext, guid: string): Res {
  const found = api.render.store.decode(guid);
  if (!found || found.slot <= SLOT.cloudReplicaPoint || found.slot >= SLOT.vmRestorePoint)
    throw notFound(`Cloud VM replica point ${guid}`);
  return {
    tag: 'EntityRef',
    attrs: [
      ['Type', 'CloudVmReplicaPointReference'],
      ['Href', `${api.render.base}/cloud/vmReplicaPoints/${guid.toLowerCase()}`],
      ['UID', `urn:veeam:CloudVmReplicaPoint:${guid.toLowerCase()}`],
    ],
    links: [],
    fields: [],
  };
}

/** Targets of links the simulator writes that are not sessions or the estate: every one resolves. */
export const LINK_TARGET_ROUTES: Route[] = [
  getRoute('querySvc', (api) => ok(queryService(api))),
  getRoute('backupServers/:id/jobs', (api, [guid = '']) => {
    const s = api.render.store.inventory.serverByGuid(guid);
    if (!s) throw notFound(`Backup server ${guid}`);
    const jobs = api.render.store.inventory.owners.filter(
      (o) => o.type === 'Job' && o.serverIndex === s.index,
    );
    return listReply(api, jobs, 'Jobs', (o, _tag, e) =>
      e ? ownerEntity(api.render, o) : ownerRef(api.render, o, 'Ref'),
    );
  }),
  ...['credentials', 'passwords', 'managedServers'].map((c) => emptyRoute(`backupServers/:id/${c}`)),
  ...['managedServers', 'failoverPlans', 'hierarchyRoots', 'restoreSessions'].map(emptyRoute),
  ...includeRoutes('Job'),
  ...includeRoutes('CdpPolicy'),
  ...includeRoutes('CloudFailoverPlan'),
  getRoute('cloud/vmReplicaPoints/:id', (api, [guid = '']) => ok(cloudReplicaPoint(api, guid))),
];

/** Summary reports, the lookup service and the task list. */
export const SERVICE_EXTRA_ROUTES: Route[] = [
  getRoute('reports/summary', (api) => ok(summaryRes(api.render.base))),
  getRoute('reports/summary/:id', (api, [name = '']) => {
    const frame = reportRes(api.render.store, api.render.now, name);
    if (!frame) throw notFound(`Report ${name}`);
    return ok(frame);
  }),
  getRoute('lookupSvc', (api) => ok(lookupServiceRes(api.render.base))),
  getRoute('lookup', (api) => ok(lookupRes(api))),
];
