import { Kind } from '../model/enums.js';
import type { Owner, Repository } from '../model/entities.js';
import { vmPointsOf, vmPointsOfVm, type VmPoint } from '../store/points.js';
import type { RenderContext } from '../xml/context.js';
import type { Res } from '../xml/resource.js';
import { backupRes, repositoryRes } from '../xml/serialize-estate.js';
import { restorePointRes, vmPointRes } from '../xml/serialize-points.js';
import type { CompiledTerm } from './evaluate.js';
import { backupFields, repositoryFields, restorePointFields, vmPointFields } from './estate-fields.js';
import { collect, type Collector } from './match-set.js';
import { planPointRuns } from './point-planner.js';
import { vmNameTerm } from './planner.js';
import type { QueryType } from './query-types.js';

function defineType<R>(
  name: string,
  plural: string,
  c: Collector<R>,
  render: (ctx: RenderContext, r: R, tag: string, entity: boolean) => Res,
): QueryType {
  return {
    name,
    plural,
    run(env, filter, sort) {
      const recs = collect(env, c, filter, sort);
      return {
        total: recs.length,
        render: (ctx, entities, from, to) =>
          recs.slice(from, to).map((r) => render(ctx, r, entities ? name : 'Ref', entities)),
      };
    },
  };
}

function vmPointType(replica: boolean): QueryType {
  const kind = replica ? Kind.Replica : Kind.Backup;
  const name = replica ? 'VmReplicaPoint' : 'VmRestorePoint';
  return defineType<VmPoint>(
    name,
    `${name}s`,
    {
      fields: vmPointFields(replica),
      candidates: (env, terms) => {
        const { ids } = planPointRuns(env.store, kind, terms as CompiledTerm<unknown>[], false);
        const vm = vmNameTerm(terms);
        const pointsOf =
          vm === undefined ? (id: number) => vmPointsOf(env.store, id, env.now) : vmPointsOfVm(env.store, vm);
        return { recs: ids.flatMap((id) => pointsOf(id, env.now)), order: 'none' };
      },
    },
    (ctx, p, tag, entity) => vmPointRes(ctx, p, replica, tag, entity),
  );
}

/** RestorePoint, VmRestorePoint, VmReplicaPoint, Backup and Repository (docs/simulator.md, "Query types of the estate"). */
export const ESTATE_QUERY_TYPES: QueryType[] = [
  defineType<number>(
    'RestorePoint',
    'RestorePoints',
    {
      fields: restorePointFields,
      candidates: (env, terms) => ({
        recs: planPointRuns(env.store, Kind.Backup, terms as CompiledTerm<unknown>[], true).ids,
        order: 'none',
      }),
    },
    (ctx, id, tag, entity) => restorePointRes(ctx, id, tag, entity),
  ),
  vmPointType(false),
  vmPointType(true),
  defineType<Owner>(
    'Backup',
    'Backups',
    {
      fields: backupFields,
      candidates: (env) => ({
        recs: env.store.inventory.owners.filter((o) => o.type === 'Job' && o.kind === Kind.Backup),
        order: 'none',
      }),
    },
    (ctx, o, tag, entity) => backupRes(ctx, o, tag, entity),
  ),
  defineType<Repository>(
    'Repository',
    'Repositories',
    {
      fields: repositoryFields,
      candidates: (env) => ({ recs: env.store.inventory.repositories.slice(), order: 'none' }),
    },
    (ctx, r, tag, entity) => repositoryRes(ctx, r, tag, entity),
  ),
];
