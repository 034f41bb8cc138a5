import { SESSION_TYPE } from '../model/enums.js';
import { isFinished, type EmTask } from '../store/em-tasks.js';
import { ownerOf, SESSION_PATH, sessionName, type RenderContext } from './context.js';
import type { Link, Res } from './resource.js';

/**
 * A `Task` as in task-running.xml / task-finished.xml: no `Result` while Running; once Finished a
 * `Result Success=...` with its `Message`, and a `Related` link to the session the action created or
 * stopped (query-result-tasks.xml).
 */
export function emTaskRes(ctx: RenderContext, task: EmTask): Res {
  const self = `${ctx.base}/tasks/${task.taskId}`;
  const finished = isFinished(task, ctx.now);
  const links: Link[] = [{ rel: 'Delete', type: 'Task', href: self }];
  if (finished && task.sessionId >= 0) links.push(relatedSession(ctx, task.sessionId));
  return {
    tag: 'Task',
    attrs: [
      ['Type', 'Task'],
      ['Href', self],
    ],
    links,
    fields: [
      ['TaskId', task.taskId],
      ['State', finished ? 'Finished' : 'Running'],
      ['Operation', task.operation],
      [
        'Result',
        finished
          ? {
              tag: 'Result',
              attrs: [['Success', task.success]],
              fields: [['Message', task.message]],
            }
          : undefined,
      ],
    ],
  };
}

function relatedSession(ctx: RenderContext, id: number): Link {
  const kind = ctx.store.kindOf(id);
  const link: Link = {
    rel: 'Related',
    type: SESSION_TYPE[kind],
    href: `${ctx.base}/${SESSION_PATH[kind]}/${ctx.store.guid(id)}?format=Entity`,
  };
  // The cloud failover example names the plan; the job examples carry no Name.
  if (ownerOf(ctx, id).type === 'CloudFailoverPlan') link.name = sessionName(ctx, id);
  return link;
}
