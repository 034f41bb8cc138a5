import { Kind } from '../model/enums.js';
import type { BackupServer, Owner } from '../model/entities.js';
import { taskList, taskListOfVm } from '../store/tasks.js';
import type { RenderContext } from '../xml/context.js';
import type { Res } from '../xml/resource.js';
import { ownerEntity, ownerRef, serverEntity, serverRef } from '../xml/serialize-infra.js';
import { sessionEntity, sessionRef } from '../xml/serialize-sessions.js';
import { taskEntity, taskRef } from '../xml/serialize-tasks.js';
import {
  ownerFields,
  serverFieldMap,
  sessionFields,
  taskFields,
  type FieldEnv,
  type TaskRec,
} from './fields.js';
import { collect, type Collector, type SortSpec } from './match-set.js';
import type { FilterNode } from './parse-filter.js';
import { planSessions, planTaskSessions, vmNameTerm } from './planner.js';
import { TASK_QUERY_TYPE } from './task-query.js';
import { ESTATE_QUERY_TYPES } from './estate-types.js';

/** One `type=` of the query service: how to collect matches and render them. */
export interface QueryType {
  name: string;
  /** Container element under `Entities` (docs/em-protocol.md, "The query service"). */
  plural: string;
  /** Items come under `Resources` whatever the format, as tasks do (query-result-tasks.xml). */
  resources?: boolean;
  run(env: FieldEnv, filter: FilterNode | undefined, sort: SortSpec | undefined): QueryMatches;
}

/** The ordered matches of a query; rendering is deferred to the requested page. */
export interface QueryMatches {
  total: number;
  render(ctx: RenderContext, entities: boolean, from: number, to: number): Res[];
}

function define<R>(
  name: string,
  plural: string,
  c: Collector<R>,
  ref: (ctx: RenderContext, r: R) => Res,
  entity: (ctx: RenderContext, r: R) => Res,
): QueryType {
  return {
    name,
    plural,
    run(env, filter, sort) {
      const recs = collect(env, c, filter, sort);
      return {
        total: recs.length,
        render: (ctx, entities, from, to) =>
          recs.slice(from, to).map((r) => (entities ? entity(ctx, r) : ref(ctx, r))),
      };
    },
  };
}

function sessionType(
  name: string,
  kind: Kind,
  variant: 'job' | 'cdp' | 'failover',
  itemTag?: string,
): QueryType {
  const fields = sessionFields(variant);
  return define<number>(
    name,
    `${name}s`,
    {
      fields,
      candidates: (env, terms) => {
        const { ids, order } = planSessions(env.store, kind, terms);
        return { recs: ids, order };
      },
    },
    (ctx, id) => sessionRef(ctx, id, 'Ref'),
    (ctx, id) => sessionEntity(ctx, id, itemTag),
  );
}

function taskType(name: string, kind: Kind): QueryType {
  return define<TaskRec>(
    name,
    `${name}s`,
    {
      fields: taskFields(kind === Kind.Cdp),
      candidates: (env, terms, anyOf) => {
        const { ids } = planTaskSessions(env.store, kind, terms, anyOf);
        const vm = vmNameTerm(terms);
        const tasksOf =
          vm === undefined ? (id: number) => taskList(env.store, id, env.now) : taskListOfVm(env.store, vm);
        const recs: TaskRec[] = [];
        for (const id of ids) for (const task of tasksOf(id, env.now)) recs.push({ id, task });
        return { recs, order: 'none' };
      },
    },
    (ctx, r) => taskRef(ctx, r.id, r.task, 'Ref'),
    (ctx, r) => taskEntity(ctx, r.id, r.task),
  );
}

function ownerType(name: string, type: Owner['type'], plural: string): QueryType {
  return define<Owner>(
    name,
    plural,
    {
      fields: ownerFields(type),
      candidates: (env) => ({
        recs: env.store.inventory.owners.filter((o) => o.type === type),
        order: 'none',
      }),
    },
    (ctx, o) => ownerRef(ctx, o, 'Ref'),
    (ctx, o) => ownerEntity(ctx, o),
  );
}

/** Every query type the simulator serves, keyed by lower-cased name (values are case-insensitive, docs/em-protocol.md, "Names match case-insensitively"). */
export const QUERY_TYPES: ReadonlyMap<string, QueryType> = new Map(
  [
    sessionType('BackupJobSession', Kind.Backup, 'job'),
    sessionType('ReplicaJobSession', Kind.Replica, 'job'),
    // Items of a CDP session QueryResult are named CdpPolicySession (docs/em-protocol.md, "CDP session items named CdpPolicySession").
    sessionType('CdpReplicaSession', Kind.Cdp, 'cdp', 'CdpPolicySession'),
    sessionType('CloudFailoverSession', Kind.Failover, 'failover'),
    taskType('BackupTaskSession', Kind.Backup),
    taskType('ReplicaTaskSession', Kind.Replica),
    taskType('CdpReplicaTaskSession', Kind.Cdp),
    ownerType('Job', 'Job', 'Jobs'),
    ownerType('CdpPolicy', 'CdpPolicy', 'CdpPolicies'),
    ownerType('CloudFailoverPlan', 'CloudFailoverPlan', 'CloudFailoverPlans'),
    define<BackupServer>(
      'BackupServer',
      'BackupServers',
      {
        fields: serverFieldMap,
        candidates: (env) => ({ recs: env.store.inventory.servers.slice(), order: 'none' }),
      },
      (ctx, s) => serverRef(ctx, s, 'Ref'),
      (ctx, s) => serverEntity(ctx, s),
    ),
    TASK_QUERY_TYPE,
    ...ESTATE_QUERY_TYPES,
  ].map((t) => [t.name.toLowerCase(), t]),
);
