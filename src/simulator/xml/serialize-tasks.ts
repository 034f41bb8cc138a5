import { formatEmDate, formatNameTime } from '../util/dates.js';
import { Kind, RESULTS, SESSION_TYPE, TASK_STATES, TASK_TYPE } from '../model/enums.js';
import type { TaskRecord } from '../model/entities.js';
import {
  ownerOf,
  SESSION_PATH,
  serverLink,
  serverOf,
  sessionName,
  sessionUid,
  TASK_PATH,
  type RenderContext,
} from './context.js';
import type { Link, Res, Value } from './resource.js';
import { taskHasPoint } from '../store/points.js';
import { vmPointPath } from './serialize-points.js';

/** Task session name: `<VM>@yyyy-MM-dd HH:mm:ss` (docs/em-protocol.md, "Names with timestamps"). */
export function taskName(task: TaskRecord): string {
  return `${task.vmName}@${formatNameTime(task.creation)}`;
}

function taskLinks(ctx: RenderContext, id: number, task: TaskRecord, entity: boolean): Link[] {
  const kind = ctx.store.kindOf(id);
  const type = TASK_TYPE[kind];
  const guid = ctx.store.guid(id, task.slot);
  const self = `${ctx.base}/${TASK_PATH[kind]}/${guid}`;
  const name = taskName(task);
  const links: Link[] = [
    serverLink(ctx, serverOf(ctx, ownerOf(ctx, id))),
    {
      rel: 'Up',
      type: `${SESSION_TYPE[kind]}Reference`,
      href: `${ctx.base}/${SESSION_PATH[kind]}/${ctx.store.guid(id)}`,
      name: sessionName(ctx, id),
    },
    entity
      ? { rel: 'Alternate', type: `${type}Reference`, href: self, name }
      : { rel: 'Alternate', type, href: `${self}?format=Entity`, name },
  ];
  if (entity && kind === Kind.Backup && taskHasPoint(ctx.store, id, task)) {
    links.push({
      rel: 'Related',
      type: 'VmRestorePoint',
      href: `${ctx.base}/${vmPointPath(ctx, { id, task }, false)}?format=Entity`,
      name: `${task.vmName}@${formatNameTime(task.end)}`,
    });
  }
  return links;
}

/** `urn:veeam:<TaskType>:<guid>` of a task session. */
export function taskUid(ctx: RenderContext, id: number, task: TaskRecord): string {
  return `urn:veeam:${TASK_TYPE[ctx.store.kindOf(id)]}:${ctx.store.guid(id, task.slot)}`;
}

/** A task session as `Ref` or `EntityRef`. */
export function taskRef(ctx: RenderContext, id: number, task: TaskRecord, tag: 'Ref' | 'EntityRef'): Res {
  const kind = ctx.store.kindOf(id);
  return {
    tag,
    attrs: [
      ['Type', `${TASK_TYPE[kind]}Reference`],
      ['Href', `${ctx.base}/${TASK_PATH[kind]}/${ctx.store.guid(id, task.slot)}`],
      ['Name', taskName(task)],
      ['UID', taskUid(ctx, id, task)],
    ],
    links: taskLinks(ctx, id, task, false),
    fields: [],
  };
}

function taskFields(ctx: RenderContext, id: number, task: TaskRecord): [string, Value][] {
  const kind = ctx.store.kindOf(id);
  const parentKey = kind === Kind.Cdp ? 'PolicySessionUid' : 'JobSessionUid';
  const fields: [string, Value][] = [
    [parentKey, sessionUid(ctx, id)],
    ['CreationTimeUTC', formatEmDate(task.creation)],
    ['EndTimeUTC', Number.isNaN(task.end) ? undefined : formatEmDate(task.end)],
    ['State', TASK_STATES[task.state] ?? 'Completed'],
    ['Result', RESULTS[task.result] ?? 'None'],
    // CDP tasks never show Reason in the examples; we add it only when there is one (docs/em-protocol.md, "Result on CDP task sessions").
    ['Reason', kind === Kind.Cdp ? task.reason || undefined : task.reason],
    ['TotalSize', task.totalSize],
  ];
  const vm = ctx.store.inventory.vms[task.vmIndex];
  if (kind === Kind.Backup && vm && vm.name === task.vmName) fields.push(['VmUid', vm.uid]);
  return fields;
}

/**
 * A task session entity. VmDisplayName is an attribute (docs/em-protocol.md, "Attributes where the tables say elements"); a CDP task's own Href points
 * at /replicaTaskSessions/ while its Alternate uses /cdpReplicaTaskSessions/ (docs/em-protocol.md, "CDP task sessions link to the wrong collection").
 */
export function taskEntity(ctx: RenderContext, id: number, task: TaskRecord): Res {
  const kind = ctx.store.kindOf(id);
  const type = TASK_TYPE[kind];
  const hrefPath = kind === Kind.Cdp ? 'replicaTaskSessions' : TASK_PATH[kind];
  return {
    tag: type,
    attrs: [
      ['Type', type],
      ['Href', `${ctx.base}/${hrefPath}/${ctx.store.guid(id, task.slot)}?format=Entity`],
      ['Name', taskName(task)],
      ['UID', taskUid(ctx, id, task)],
      ['VmDisplayName', task.vmName],
    ],
    links: taskLinks(ctx, id, task, true),
    fields: taskFields(ctx, id, task),
  };
}
