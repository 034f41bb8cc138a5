import { wantsEntity } from '../http/query-string.js';
import { listRes, type Res } from '../xml/resource.js';
import { ok, type ApiContext, type Handler, type Reply, type Route } from './api-context.js';

/** A reference list (`EntityReferences/Ref`) or, with `?format=Entity`, the plural entity list. */
export function listReply<T>(
  api: ApiContext,
  items: T[],
  plural: string,
  render: (item: T, tag: string, entity: boolean) => Res,
): Reply {
  if (wantsEntity(api.params))
    return ok(
      listRes(
        plural,
        items.map((i) => render(i, plural.replace(/ies$/, 'y').replace(/s$/, ''), true)),
      ),
    );
  return ok(
    listRes(
      'EntityReferences',
      items.map((i) => render(i, 'Ref', false)),
      'Refs',
    ),
  );
}

/** One item: `EntityRef`, or the entity with `?format=Entity`. */
export function itemReply(
  api: ApiContext,
  tag: string,
  render: (tag: string, entity: boolean) => Res,
): Reply {
  return wantsEntity(api.params) ? ok(render(tag, true)) : ok(render('EntityRef', false));
}

/** A GET-only authenticated route for a path such as `backupServers/:id/jobs`. */
export function getRoute(path: string, get: Handler): Route {
  const pattern = path.toLowerCase().split('/');
  const key = `/api/${path.replace(/:id/g, '{id}')}`;
  return { pattern, key, auth: true, methods: { GET: get } };
}

/** An empty reference list: the documented answer for collections outside the simulator's scope. */
export function emptyRoute(path: string): Route {
  return getRoute(path, () => ok(listRes('EntityReferences', [], 'Refs')));
}
