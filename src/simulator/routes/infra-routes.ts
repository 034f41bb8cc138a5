import { wantsEntity } from '../http/query-string.js';
import type { Owner, OwnerType } from '../model/entities.js';
import { Kind } from '../model/enums.js';
import { listRes } from '../xml/resource.js';
import { ownerEntity, ownerRef, serverEntity, serverRef } from '../xml/serialize-infra.js';
import { sessionRef } from '../xml/serialize-sessions.js';
import { notFound, ok, type ApiContext, type Reply, type Route } from './api-context.js';
import { COLLECTION_WINDOW_MS } from './session-routes.js';

function ownerById(api: ApiContext, type: OwnerType, guid: string): Owner {
  const owner = api.render.store.inventory.ownerByGuid(guid);
  if (!owner || owner.type !== type) throw notFound(`${type} ${guid}`);
  return owner;
}

function ownerRoutes(type: OwnerType, path: string, plural: string): Route[] {
  const segs = path.toLowerCase().split('/');
  const list = (api: ApiContext): Reply => {
    const owners = api.render.store.inventory.owners.filter((o) => o.type === type);
    if (wantsEntity(api.params))
      return ok(
        listRes(
          plural,
          owners.map((o) => ownerEntity(api.render, o)),
        ),
      );
    return ok(
      listRes(
        'EntityReferences',
        owners.map((o) => ownerRef(api.render, o, 'Ref')),
        'Refs',
      ),
    );
  };
  const routes: Route[] = [
    { pattern: segs, key: `/api/${path}`, auth: true, methods: { GET: list } },
    {
      pattern: [...segs, ':id'],
      key: `/api/${path}/{id}`,
      auth: true,
      methods: {
        GET: (api, [guid = '']) => {
          const o = ownerById(api, type, guid);
          return ok(
            wantsEntity(api.params) ? ownerEntity(api.render, o) : ownerRef(api.render, o, 'EntityRef'),
          );
        },
      },
    },
  ];
  const children: [string, Kind | undefined][] =
    type === 'Job'
      ? [
          ['backupSessions', Kind.Backup],
          ['replicaSessions', Kind.Replica],
        ]
      : type === 'CdpPolicy'
        ? [['cdpReplicaSessions', undefined]]
        : [];
  for (const [child, kind] of children) {
    routes.push({
      pattern: [...segs, ':id', child.toLowerCase()],
      key: `/api/${path}/{id}/${child}`,
      auth: true,
      methods: {
        GET: (api, [guid = '']) => {
          const o = ownerById(api, type, guid);
          const { now, store } = api.render;
          // Same 30-day window as the session collections (an assumption, docs/em-protocol.md, "Collections are not for polling"); a backup job's
          // replicaSessions (and the reverse) is an empty list.
          const ids =
            kind !== undefined && o.kind !== kind
              ? []
              : store.byOwner(o.index).range(now - COLLECTION_WINDOW_MS, false, Infinity, false);
          return ok(
            listRes(
              'EntityReferences',
              ids.map((id) => sessionRef(api.render, id, 'Ref')),
              'Refs',
            ),
          );
        },
      },
    });
  }
  return routes;
}

/** Jobs, backup servers, CDP policies and cloud failover plans. */
export const INFRA_ROUTES: Route[] = [
  ...ownerRoutes('Job', 'jobs', 'Jobs'),
  ...ownerRoutes('CdpPolicy', 'cdpPolicies', 'CdpPolicies'),
  ...ownerRoutes('CloudFailoverPlan', 'cloud/cloudFailoverPlans', 'CloudFailoverPlans'),
  {
    pattern: ['backupservers'],
    key: '/api/backupServers',
    auth: true,
    methods: {
      GET: (api) => {
        const servers = api.render.store.inventory.servers;
        if (wantsEntity(api.params))
          return ok(
            listRes(
              'BackupServers',
              servers.map((s) => serverEntity(api.render, s)),
            ),
          );
        return ok(
          listRes(
            'EntityReferences',
            servers.map((s) => serverRef(api.render, s, 'Ref')),
            'Refs',
          ),
        );
      },
    },
  },
  {
    pattern: ['backupservers', ':id'],
    key: '/api/backupServers/{id}',
    auth: true,
    methods: {
      GET: (api, [guid = '']) => {
        const s = api.render.store.inventory.serverByGuid(guid);
        if (!s) throw notFound(`Backup server ${guid}`);
        return ok(
          wantsEntity(api.params) ? serverEntity(api.render, s) : serverRef(api.render, s, 'EntityRef'),
        );
      },
    },
  },
];
