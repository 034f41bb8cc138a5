import type { BackupServer, Owner } from '../model/entities.js';
import { Kind } from '../model/enums.js';
import { ownerFields } from './serialize-owner-info.js';
import { actionsOf } from '../scenario/job-actions.js';
import { ownerPath, serverLink, type RenderContext } from './context.js';
import type { Link, Res } from './resource.js';

/** A backup server as Ref/EntityRef; its reference has no Up link (docs/em-protocol.md, "Resources we use"). */
export function serverRef(ctx: RenderContext, s: BackupServer, tag: 'Ref' | 'EntityRef'): Res {
  const self = `${ctx.base}/backupServers/${s.guid}`;
  return {
    tag,
    attrs: [
      ['Type', 'BackupServerReference'],
      ['Href', self],
      ['Name', s.name],
      ['UID', `urn:veeam:BackupServer:${s.guid}`],
    ],
    links: [
      { rel: 'Down', type: 'JobReferenceList', href: `${self}/jobs` },
      { rel: 'Down', type: 'RepositoryReferenceList', href: `${self}/repositories` },
      { rel: 'Down', type: 'CredentialsList', href: `${self}/credentials` },
      { rel: 'Down', type: 'PasswordKeyList', href: `${self}/passwords` },
      { rel: 'Alternate', type: 'BackupServer', href: `${self}?format=Entity`, name: s.name },
      { rel: 'Down', type: 'ManagedServerReferenceList', href: `${self}/managedServers` },
    ],
    fields: [],
  };
}

/** A backup server entity as in backup-server-entity.xml. */
export function serverEntity(ctx: RenderContext, s: BackupServer): Res {
  const self = `${ctx.base}/backupServers/${s.guid}`;
  const ref = 'BackupServerReference';
  return {
    tag: 'BackupServer',
    attrs: [
      ['Type', 'BackupServer'],
      ['Href', `${self}?format=Entity`],
      ['Name', s.name],
      ['UID', `urn:veeam:BackupServer:${s.guid}`],
    ],
    links: [
      { rel: 'Alternate', type: ref, href: self, name: s.name },
      { rel: 'Edit', type: ref, href: self },
      { rel: 'Delete', type: ref, href: self },
      { rel: 'Down', type: 'JobReferenceList', href: `${self}/jobs` },
      { rel: 'Down', type: 'ManagedServerReferenceList', href: `${self}/managedServers` },
      { rel: 'Down', type: 'RepositoryReferenceList', href: `${self}/repositories` },
      { rel: 'Down', type: 'CredentialsList', href: `${self}/credentials` },
      { rel: 'Create', href: `${self}/credentials?action=create` },
      { rel: 'Down', type: 'PasswordKeyList', href: `${self}/passwords` },
      { rel: 'Create', href: `${self}/passwords?action=create` },
      { rel: 'VeeamZip', href: `${self}?action=veeamzip` },
      { rel: 'QuickBackup', href: `${self}?action=quickbackup` },
      { rel: 'Start', href: `${self}?action=collect` },
    ],
    fields: [
      ['Description', s.description],
      ['Port', s.port],
      ['Version', s.version],
    ],
  };
}

/** A job's session list: replication jobs link to `replicaSessions` (EM's ReplicaJobSessionReferenceList). */
function jobSessionsLink(o: Owner, self: string): Link {
  return o.kind === Kind.Replica
    ? { rel: 'Down', type: 'ReplicaJobSessionReferenceList', href: `${self}/replicaSessions` }
    : { rel: 'Down', type: 'BackupJobSessionReferenceList', href: `${self}/backupSessions` };
}

function ownerUid(o: Owner): string {
  return `urn:veeam:${ownerPath(o).type}:${o.guid}`;
}

/** A job, CDP policy or cloud failover plan as Ref/EntityRef. */
export function ownerRef(ctx: RenderContext, o: Owner, tag: 'Ref' | 'EntityRef'): Res {
  const { path, type } = ownerPath(o);
  const self = `${ctx.base}/${path}`;
  const links: Link[] = [
    serverLink(ctx, ctx.store.inventory.servers[o.serverIndex] as BackupServer),
    { rel: 'Alternate', type, href: `${self}?format=Entity`, name: o.name },
  ];
  if (o.type === 'Job') links.push(jobSessionsLink(o, self));
  if (o.type === 'CdpPolicy') {
    links.push({ rel: 'Down', type: 'CdpReplicaSessionReferenceList', href: `${self}/cdpReplicaSessions` });
  }
  return {
    tag,
    attrs: [
      ['Type', `${type}Reference`],
      ['Href', self],
      ['Name', o.name],
      ['UID', ownerUid(o)],
    ],
    links,
    fields: [],
  };
}

function ownerLinks(ctx: RenderContext, o: Owner): Link[] {
  const { path, type } = ownerPath(o);
  const self = `${ctx.base}/${path}`;
  const ref = `${type}Reference`;
  const head: Link[] = [
    serverLink(ctx, ctx.store.inventory.servers[o.serverIndex] as BackupServer),
    { rel: 'Alternate', type: ref, href: self, name: o.name },
    { rel: 'Edit', type: ref, href: self, name: o.name },
  ];
  if (o.type === 'CdpPolicy') {
    return [
      ...head,
      { rel: 'Down', type: 'ObjectInJobList', href: `${self}/includes` },
      { rel: 'Create', type: 'ObjectInJob', href: `${self}/includes` },
      { rel: 'Down', type: 'CdpReplicaSessionReferenceList', href: `${self}/cdpReplicaSessions` },
      { rel: 'Disable', href: `${self}?action=disable` },
    ];
  }
  const acts = !ctx.hideActionLinks;
  if (o.type === 'CloudFailoverPlan') {
    return [
      ...head,
      ...(acts
        ? [
            { rel: 'Start', href: `${self}?action=start` },
            { rel: 'Test', href: `${self}?action=test` },
            { rel: 'Undo', href: `${self}?action=undo` },
          ]
        : []),
      { rel: 'Delete', type: ref, href: self, name: o.name },
    ];
  }
  return [
    ...head,
    { rel: 'Clone', href: `${self}?action=clone` },
    { rel: 'ToggleScheduleEnabled', href: `${self}?action=toggleScheduleEnabled` },
    { rel: 'Down', type: 'ObjectInJobList', href: `${self}/includes` },
    jobSessionsLink(o, self),
    { rel: 'Create', type: 'ObjectInJob', href: `${self}/includes` },
    // Only the actions this job type takes: backup copy jobs sync instead of start and retry.
    ...(acts ? actionsOf(o) : []).map((a) => ({
      rel: a[0]?.toUpperCase() + a.slice(1),
      href: `${self}?action=${a}`,
    })),
  ];
}

/** A job, CDP policy or cloud failover plan entity. */
export function ownerEntity(ctx: RenderContext, o: Owner): Res {
  const { path, type } = ownerPath(o);
  return {
    tag: type,
    attrs: [
      ['Type', type],
      ['Href', `${ctx.base}/${path}?format=Entity`],
      ['Name', o.name],
      ['UID', ownerUid(o)],
    ],
    links: ownerLinks(ctx, o),
    fields: ownerFields(ctx, o),
  };
}
