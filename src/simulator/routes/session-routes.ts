import { wantsEntity } from '../http/query-string.js';
import { Kind, KINDS, TASK_TYPE } from '../model/enums.js';
import type { TaskRecord } from '../model/entities.js';
import { taskAt, taskList } from '../store/tasks.js';
import { SESSION_PATH, TASK_PATH } from '../xml/context.js';
import { listRes, type Res } from '../xml/resource.js';
import { sessionEntity, sessionRef } from '../xml/serialize-sessions.js';
import { taskEntity, taskRef } from '../xml/serialize-tasks.js';
import { notFound, ok, type ApiContext, type Reply, type Route } from './api-context.js';

/** Collections return only sessions created in the last 30 days of scenario time (docs/em-protocol.md, "Collections are not for polling"). */
export const COLLECTION_WINDOW_MS = 30 * 86_400_000;

const SESSION_LIST: Record<Kind, string> = {
  0: 'BackupJobSessions',
  1: 'ReplicaJobSessions',
  2: 'CdpReplicaSessions',
  3: 'CloudFailoverSessions',
};

function recentSessions(api: ApiContext, kind: Kind): number[] {
  const { store, now } = api.render;
  return store.byCreation[kind]?.range(now - COLLECTION_WINDOW_MS, false, Infinity, false) ?? [];
}

function sessionList(api: ApiContext, ids: number[], kind: Kind): Reply {
  if (wantsEntity(api.params))
    return ok(
      listRes(
        SESSION_LIST[kind],
        ids.map((id) => sessionEntity(api.render, id)),
      ),
    );
  return ok(
    listRes(
      'EntityReferences',
      ids.map((id) => sessionRef(api.render, id, 'Ref')),
      'Refs',
    ),
  );
}

function taskListReply(api: ApiContext, kind: Kind, pairs: [number, TaskRecord][]): Reply {
  if (wantsEntity(api.params))
    return ok(
      listRes(
        `${TASK_TYPE[kind]}s`,
        pairs.map(([id, t]) => taskEntity(api.render, id, t)),
      ),
    );
  return ok(
    listRes(
      'EntityReferences',
      pairs.map(([id, t]) => taskRef(api.render, id, t, 'Ref')),
      'Refs',
    ),
  );
}

/** The session behind an `{ID}` of the given kind, or 404. */
export function findSession(api: ApiContext, kind: Kind, guid: string): number {
  const id = api.render.store.findSession(guid);
  if (id < 0 || api.render.store.kindOf(id) !== kind) throw notFound(`Session ${guid}`);
  return id;
}

function findTask(api: ApiContext, kind: Kind, guid: string): [number, TaskRecord] {
  const store = api.render.store;
  const found = store.decode(guid);
  if (found && found.slot > 0 && store.kindOf(found.id) === kind) {
    const task = taskAt(store, found.id, found.slot, api.render.now);
    if (task) return [found.id, task];
  }
  throw notFound(`Task session ${guid}`);
}

function one(res: Res): Reply {
  return ok(res);
}

function sessionRoutes(kind: Kind): Route[] {
  const path = SESSION_PATH[kind];
  const segs = path.toLowerCase().split('/');
  const display = `/api/${path}`;
  const routes: Route[] = [
    {
      pattern: segs,
      key: display,
      auth: true,
      methods: { GET: (api) => sessionList(api, recentSessions(api, kind), kind) },
    },
    {
      pattern: [...segs, ':id'],
      key: `${display}/{id}`,
      auth: true,
      methods: {
        GET: (api, [guid = '']) => {
          const id = findSession(api, kind, guid);
          return one(
            wantsEntity(api.params) ? sessionEntity(api.render, id) : sessionRef(api.render, id, 'EntityRef'),
          );
        },
      },
    },
  ];
  if (kind === Kind.Failover) return routes;
  const children =
    kind === Kind.Backup
      ? ['taskSessions']
      : kind === Kind.Replica
        ? ['replicaTaskSessions', 'repicaTaskSessions']
        : ['cdpReplicaTaskSessions'];
  for (const child of children) {
    routes.push({
      pattern: [...segs, ':id', child.toLowerCase()],
      key: `${display}/{id}/${child}`,
      auth: true,
      methods: {
        GET: (api, [guid = '']) => {
          const id = findSession(api, kind, guid);
          return taskListReply(
            api,
            kind,
            taskList(api.render.store, id, api.render.now).map((t) => [id, t]),
          );
        },
      },
    });
  }
  const taskPaths = kind === Kind.Replica ? [TASK_PATH[kind], 'repicaTaskSessions'] : [TASK_PATH[kind]];
  for (const taskPath of taskPaths) {
    const tsegs = [taskPath.toLowerCase()];
    routes.push(
      {
        pattern: tsegs,
        key: `/api/${taskPath}`,
        auth: true,
        methods: {
          GET: (api) =>
            taskListReply(
              api,
              kind,
              recentSessions(api, kind).flatMap((id) =>
                taskList(api.render.store, id, api.render.now).map((t): [number, TaskRecord] => [id, t]),
              ),
            ),
        },
      },
      {
        pattern: [...tsegs, ':id'],
        key: `/api/${taskPath}/{id}`,
        auth: true,
        methods: {
          GET: (api, [guid = '']) => {
            const [id, task] = findTask(api, kind, guid);
            return one(
              wantsEntity(api.params)
                ? taskEntity(api.render, id, task)
                : taskRef(api.render, id, task, 'EntityRef'),
            );
          },
        },
      },
    );
  }
  return routes;
}

/** Routes of the seven session and task-session collections (both `replica`/`repica` spellings, docs/em-protocol.md, "Whether misspelt replica task links resolve"). */
export const SESSION_ROUTES: Route[] = KINDS.flatMap(sessionRoutes);
