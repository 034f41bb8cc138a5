import { emTasksOf, isFinished, type EmTask } from '../store/em-tasks.js';
import { emTaskRes } from '../xml/serialize-em-task.js';
import type { FieldDef, FieldMap } from './fields.js';
import { collect } from './match-set.js';
import type { QueryType } from './query-types.js';

const TASK_STATES = ['Running', 'Finished'] as const;

const FIELDS: FieldDef<EmTask>[] = [
  { name: 'TaskId', kind: 'string', get: (_e, t) => t.taskId },
  { name: 'State', kind: 'enum', values: TASK_STATES, get: (e, t) => (isFinished(t, e.now) ? 1 : 0) },
  { name: 'Operation', kind: 'string', get: (_e, t) => t.operation },
];
const FIELD_MAP: FieldMap<EmTask> = new Map(FIELDS.map((f) => [f.name.toLowerCase(), f]));

/** `query?type=Task`: the tasks of job and plan actions, always under `Resources/Tasks` (query-result-tasks.xml). */
export const TASK_QUERY_TYPE: QueryType = {
  name: 'Task',
  plural: 'Tasks',
  resources: true,
  run(env, filter, sort) {
    const recs = collect(
      env,
      { fields: FIELD_MAP, candidates: (e) => ({ recs: emTasksOf(e.store).list(), order: 'none' }) },
      filter,
      sort,
    );
    return {
      total: recs.length,
      render: (ctx, _entities, from, to) => recs.slice(from, to).map((t) => emTaskRes(ctx, t)),
    };
  },
};
