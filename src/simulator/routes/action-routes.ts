import { mayRunActions } from '../http/accounts.js';
import type { Owner, OwnerType } from '../model/entities.js';
import { runAction } from '../scenario/job-actions.js';
import { emTasksOf } from '../store/em-tasks.js';
import { listRes } from '../xml/resource.js';
import { emTaskRes } from '../xml/serialize-em-task.js';
import { HttpError, notFound, ok, type ApiContext, type Reply, type Route } from './api-context.js';
import { getRoute } from './route-helpers.js';

/** How refused actions are answered: a 202 task ending `Success="false"`, or a 400 `Error`. */
export type RefuseActionsWith = 'task' | 'http';

function bareUser(userName: string): string {
  return userName.slice(userName.lastIndexOf('\\') + 1);
}

type LogFields = { status: number; taskId?: string; refused?: boolean; message?: string };

function record(api: ApiContext, owner: Owner, action: string, fields: LogFields): void {
  const user = bareUser(api.logon?.userName ?? '');
  api.actions.log.record({ job: owner.name, action, user, at: api.render.now, ...fields });
}

function refuse(api: ApiContext, owner: Owner, action: string, status: number, message: string): never {
  record(api, owner, action, { status, refused: true, message });
  throw new HttpError(status, message);
}

function postAction(api: ApiContext, type: OwnerType, guid: string): Reply {
  const owner = api.render.store.inventory.ownerByGuid(guid);
  if (!owner || owner.type !== type) throw notFound(`${type} ${guid}`);
  const action = (api.params.get('action') ?? '').toLowerCase();
  // Portal User may read jobs but not run them (docs/em-protocol.md, "Roles for job actions").
  if (!mayRunActions(api.logon?.role ?? ''))
    refuse(
      api,
      owner,
      action,
      403,
      'Access denied: the account has no permission to perform this operation.',
    );
  const { store, now } = api.render;
  const outcome = runAction(store, api.world.engine, owner, action, now);
  if (outcome.kind === 'invalid') refuse(api, owner, action, 400, outcome.message);
  // A refusal is a task that fails unless the simulator was told otherwise (docs/em-protocol.md, "Refused job actions").
  if (outcome.kind === 'refused' && api.actions.refuseWith === 'http')
    refuse(api, owner, action, 400, outcome.message);
  const done = outcome.kind === 'done';
  const tasks = emTasksOf(store);
  const task = tasks.add(now, outcome.operation, done, outcome.message, done ? outcome.sessionId : -1);
  record(
    api,
    owner,
    action,
    done ? { status: 202, taskId: task.taskId } : { status: 202, refused: true, message: outcome.message },
  );
  return { status: 202, body: emTaskRes(api.render, task) };
}

const ACTION_TARGETS: Record<string, OwnerType> = {
  '/api/jobs/{id}': 'Job',
  '/api/cloud/cloudFailoverPlans/{id}': 'CloudFailoverPlan',
};

/** Adds `POST ?action=...` to the job and cloud failover plan routes (202 + Task, docs/em-protocol.md, "Tasks of job actions"). */
export function withActionMethods(routes: Route[]): Route[] {
  return routes.map((route) => {
    const type = ACTION_TARGETS[route.key];
    if (!type) return route;
    return {
      ...route,
      methods: { ...route.methods, POST: (api, [guid = '']) => postAction(api, type, guid) },
    };
  });
}

function taskById(api: ApiContext, taskId: string): ReturnType<typeof emTaskRes> {
  const task = emTasksOf(api.render.store).get(taskId);
  if (!task) throw notFound(`Task ${taskId}`);
  return emTaskRes(api.render, task);
}

/** `GET /tasks`, `GET /tasks/{ID}`, `DELETE /tasks/{ID}` (204). */
export const TASK_ROUTES: Route[] = [
  getRoute('tasks', (api) =>
    ok(
      listRes(
        'Tasks',
        emTasksOf(api.render.store)
          .list()
          .map((t) => emTaskRes(api.render, t)),
      ),
    ),
  ),
  {
    ...getRoute('tasks/:id', (api, [taskId = '']) => ok(taskById(api, taskId))),
    methods: {
      GET: (api, [taskId = '']) => ok(taskById(api, taskId)),
      DELETE: (api, [taskId = '']) => {
        if (!emTasksOf(api.render.store).delete(taskId)) throw notFound(`Task ${taskId}`);
        return { status: 204 };
      },
    },
  },
];
