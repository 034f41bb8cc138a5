import { formatEmDate } from '../util/dates.js';
import { Kind } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import { nextRunOf } from '../model/next-run.js';
import { ownerPath, type RenderContext } from './context.js';
import type { Res, Value } from './resource.js';
import {
  cdpGuestProcessingOptions,
  cloudFailoverPlanOptions,
  guestProcessingOptions,
  jobScheduleOptions,
} from './serialize-job-options.js';
import { policyScheduleOptions, storageAndRetention } from './serialize-retention.js';

const wrap = (tag: string, fields: [string, Value][]): Res => ({ tag, attrs: [], fields });

/** The stable id of the n-th object of an owner (`/jobs/{id}/includes/{objectId}`). */
export function objectInJobId(o: Owner, n: number): string {
  return `${o.guid.slice(0, 24)}${String(n).padStart(12, '0')}`;
}

/** One included VM: `ObjectInJob` (jobs, CDP policies) or `CloudFailoverPlanVm` (failover plans). */
export function includeRes(ctx: RenderContext, o: Owner, n: number): Res {
  const vm = ctx.store.inventory.vms[o.vms[n] ?? -1];
  const objectId = objectInJobId(o, n);
  const href = `${ctx.base}/${ownerPath(o).path}/includes/${objectId}`;
  if (o.type === 'CloudFailoverPlan') {
    return {
      tag: 'CloudFailoverPlanVm',
      attrs: [
        ['Type', 'CloudFailoveredVm'],
        ['Href', href],
      ],
      fields: [
        ['FailoverPlanVMId', objectId],
        ['Name', vm?.name ?? ''],
        ['Order', n],
      ],
    };
  }
  return {
    tag: 'ObjectInJob',
    attrs: [
      ['Type', 'ObjectInJob'],
      ['Href', href],
    ],
    fields: [
      ['ObjectInJobId', objectId],
      ['HierarchyObjRef', vm?.uid ?? ''],
      ['Name', vm?.name ?? ''],
      ['DisplayName', vm?.name ?? ''],
      [
        'GuestProcessingOptions',
        o.type === 'CdpPolicy'
          ? cdpGuestProcessingOptions()
          : guestProcessingOptions(true, /sql/i.test(vm?.name ?? '')),
      ],
    ],
  };
}

/** Every included VM of an owner. */
export function includes(ctx: RenderContext, o: Owner): Res[] {
  return o.vms.map((_vm, n) => includeRes(ctx, o, n));
}

/** The elements of a job, CDP policy or cloud failover plan entity after its links, in schema order. */
export function ownerFields(ctx: RenderContext, o: Owner): [string, Value][] {
  if (o.type === 'CloudFailoverPlan') {
    return [
      ['TenantUid', `urn:veeam:CloudTenant:${o.tenantGuid}`],
      ['TenantName', o.tenantName],
      ['Description', o.description],
      ['CloudFailoverPlanOptions', cloudFailoverPlanOptions()],
      ['CloudFailoverPlanInfo', wrap('CloudFailoverPlanInfo', [['Includes', includes(ctx, o)]])],
    ];
  }
  const next = nextRunOf(o, ctx.now);
  const common: [string, Value][] = [
    ['Platform', o.platform],
    ['Description', o.description],
    ['ScheduleConfigured', o.scheduleConfigured],
    ['ScheduleEnabled', o.scheduleEnabled],
    ['NextRun', next === undefined ? undefined : formatEmDate(next)],
  ];
  if (o.type === 'CdpPolicy') {
    const info = wrap('CdpReplicaPolicyInfo', [
      ['Includes', includes(ctx, o)],
      ['GuestProcessingOptions', cdpGuestProcessingOptions()],
    ]);
    return [
      ['PolicyType', 'CdpReplica'],
      ...common,
      ['PolicyScheduleOptions', policyScheduleOptions()],
      ['CdpPolicyInfo', wrap('CdpPolicyInfo', [['CdpReplicaPolicyInfo', info]])],
    ];
  }
  const infoTag = o.kind === Kind.Replica ? 'ReplicaJobInfo' : 'BackupJobInfo';
  const info = wrap(infoTag, [
    ['Includes', includes(ctx, o)],
    ['GuestProcessingOptions', guestProcessingOptions(false)],
    ...(o.kind === Kind.Replica ? [] : storageAndRetention()),
  ]);
  return [
    ['JobType', o.jobType],
    ...common,
    ['JobScheduleOptions', jobScheduleOptions(o)],
    ['JobInfo', wrap('JobInfo', [[infoTag, info]])],
  ];
}
