import { formatEmDate, formatNameTime } from '../util/dates.js';
import { Kind, RESULTS, SESSION_STATES, SESSION_TYPE, TASK_TYPE } from '../model/enums.js';
import { taskList } from '../store/tasks.js';
import {
  ownerOf,
  ownerPath,
  SESSION_PATH,
  serverLink,
  serverOf,
  sessionName,
  sessionUid,
  taskListPath,
  type RenderContext,
} from './context.js';
import type { Link, Res, Value } from './resource.js';
import { linkElement } from './write-xml.js';
import { hasRestorePoint, SLOT } from '../store/points.js';
import { restorePointPath } from './serialize-points.js';

function sessionLinks(ctx: RenderContext, id: number, entity: boolean): Link[] {
  const kind = ctx.store.kindOf(id);
  const type = SESSION_TYPE[kind];
  const guid = ctx.store.guid(id);
  const owner = ownerOf(ctx, id);
  const name = sessionName(ctx, id);
  const self = `${ctx.base}/${SESSION_PATH[kind]}/${guid}`;
  const links: Link[] = [serverLink(ctx, serverOf(ctx, owner))];
  if (kind !== Kind.Failover) {
    const up = ownerPath(owner);
    links.push({ rel: 'Up', type: `${up.type}Reference`, href: `${ctx.base}/${up.path}`, name: owner.name });
  }
  links.push(
    entity
      ? { rel: 'Alternate', type: `${type}Reference`, href: self, name }
      : { rel: 'Alternate', type, href: `${self}?format=Entity`, name },
  );
  if (kind !== Kind.Failover) {
    const typo = kind === Kind.Replica && ctx.replicaTaskTypo;
    links.push({
      rel: 'Down',
      type: `${TASK_TYPE[kind]}ReferenceList`,
      href: `${ctx.base}/${taskListPath(kind, guid, typo)}`,
    });
  }
  if (entity && kind === Kind.Backup) {
    // Stop stays on Stopped sessions; the restore point link is Related with Name="" (docs/em-protocol.md, "Inconsistent links").
    links.push({ rel: 'Stop', href: `${self}?action=stop` });
    if (hasRestorePoint(ctx.store, id)) {
      links.push({
        rel: 'Related',
        type: 'RestorePointReference',
        href: `${ctx.base}/${restorePointPath(ctx, id)}`,
        name: '',
      });
    }
  }
  return links;
}

/** A session as `Ref` (in lists) or `EntityRef` (GET /{ID}). */
export function sessionRef(ctx: RenderContext, id: number, tag: 'Ref' | 'EntityRef'): Res {
  const kind = ctx.store.kindOf(id);
  return {
    tag,
    attrs: [
      ['Type', `${SESSION_TYPE[kind]}Reference`],
      ['Href', `${ctx.base}/${SESSION_PATH[kind]}/${ctx.store.guid(id)}`],
      ['Name', sessionName(ctx, id)],
      ['UID', sessionUid(ctx, id)],
    ],
    links: sessionLinks(ctx, id, false),
    fields: [],
  };
}

function failoverTasks(ctx: RenderContext, id: number): Res[] {
  return taskList(ctx.store, id, ctx.now).map((t) => ({
    tag: 'CloudFailoverTasks',
    attrs: [['VmName', t.vmName]],
    fields: [
      [
        'VmReplicaPointLink',
        linkElement('VmReplicaPointLink', {
          rel: 'Related',
          type: 'CloudVmReplicaPointReference',
          href: `${ctx.base}/cloud/vmReplicaPoints/${ctx.store.guid(id, SLOT.cloudReplicaPoint + t.slot)}`,
          name: `${t.vmName}@${formatNameTime(t.creation - 3_600_000 * 6)}`,
        }),
      ],
      ['CreationTimeUTC', formatEmDate(t.creation)],
      ['EndTimeUTC', Number.isNaN(t.end) ? undefined : formatEmDate(t.end)],
      ['State', SESSION_STATES[t.state] ?? 'Working'],
      ['Result', RESULTS[t.result] ?? 'None'],
      ['Progress', t.progress],
      ['FailureMessage', t.reason ? t.reason : undefined],
    ],
  }));
}

function sessionFields(ctx: RenderContext, id: number): [string, Value][] {
  const c = ctx.store.cols;
  const kind = ctx.store.kindOf(id);
  const owner = ownerOf(ctx, id);
  const end = c.end[id] as number;
  const message = ctx.store.failureMessages.get(id) ?? '';
  const times: [string, Value][] = [
    ['CreationTimeUTC', formatEmDate(c.creation[id] as number)],
    // EndTimeUTC is absent, not empty, while a session runs (docs/em-protocol.md, "End time is absent while running").
    ['EndTimeUTC', Number.isNaN(end) ? undefined : formatEmDate(end)],
    ['State', SESSION_STATES[c.state[id] as number] ?? 'Stopped'],
    ['Result', RESULTS[c.result[id] as number] ?? 'None'],
    ['Progress', c.progress[id] as number],
  ];
  const retry: [string, Value] = ['IsRetry', c.retry[id] === 1];
  if (kind === Kind.Cdp) {
    return [
      ['PolicyUid', `urn:veeam:CdpPolicy:${owner.guid}`],
      ['PolicyName', owner.name],
      ['PolicyType', 'CdpReplica'],
      ...times,
      ['FailureMessage', message],
      retry,
    ];
  }
  if (kind === Kind.Failover) {
    return [
      ['JobType', 'FailoverPlan'],
      ...times,
      ['FailureMessage', message || undefined],
      ['CloudFailoverTasks', failoverTasks(ctx, id)],
    ];
  }
  return [
    ['JobUid', `urn:veeam:Job:${owner.guid}`],
    ['JobName', owner.name],
    ['JobType', owner.jobType],
    ...times,
    retry,
    // Only set through the control API; the XSD has it but no example shows it (docs/em-protocol.md, "FailureMessage on job sessions").
    ['FailureMessage', message || undefined],
  ];
}

/**
 * A session entity (`?format=Entity`). `tag` overrides the element name: CDP sessions are
 * `<CdpPolicySession Type="CdpReplicaSession">` inside a QueryResult (docs/em-protocol.md, "CDP session items named CdpPolicySession").
 */
export function sessionEntity(ctx: RenderContext, id: number, tag?: string): Res {
  const kind = ctx.store.kindOf(id);
  const type = SESSION_TYPE[kind];
  return {
    tag: tag ?? type,
    attrs: [
      ['Type', type],
      ['Href', `${ctx.base}/${SESSION_PATH[kind]}/${ctx.store.guid(id)}?format=Entity`],
      ['Name', sessionName(ctx, id)],
      ['UID', sessionUid(ctx, id)],
    ],
    links: sessionLinks(ctx, id, true),
    fields: sessionFields(ctx, id),
  };
}
