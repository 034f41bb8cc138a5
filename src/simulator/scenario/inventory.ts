import { Kind } from '../model/enums.js';
import type { Owner } from '../model/entities.js';
import { Inventory } from '../store/inventory.js';
import { guidFromRng } from '../util/guid.js';
import { createRng, hash3, randInt, type Rng } from '../util/prng.js';
import {
  BACKUP_JOB_NAMES,
  CDP_POLICY_NAMES,
  FAILOVER_PLANS,
  REPLICA_JOB_NAMES,
  SERVER_NAMES,
  VM_STEMS,
} from './texts.js';

const VM_COUNT = 200;
const GiB = 1024 ** 3;

function vmName(i: number): string {
  const stem = VM_STEMS[i % VM_STEMS.length] ?? 'vm';
  const n = Math.floor(i / VM_STEMS.length) + 1;
  if (stem === 'Ünterwald DC' && n === 1) return stem;
  return `${stem}${String(n).padStart(2, '0')}`;
}

function pickVms(rng: Rng, count: number, must: number[] = []): number[] {
  const chosen = new Set<number>(must);
  while (chosen.size < count + must.length) chosen.add(randInt(rng, 0, VM_COUNT - 1));
  return [...chosen];
}

type OwnerSeed = Omit<Owner, 'index' | 'guid' | 'tenantGuid' | 'repositoryIndex'>;
const TiB = 1024 * GiB;

/** name, server, capacity, free, kind: one near full ("Repo 1": 2 % free) by default. */
const REPOSITORIES: [string, number, number, number, string][] = [
  ['Default Backup Repository', 0, 4 * TiB, 1.7 * TiB, 'WindowsLocal'],
  ['Repo 1', 0, 10 * TiB, 0.2 * TiB, 'WindowsLocal'],
  ['Linux Hardened Repository', 1, 20 * TiB, 8.5 * TiB, 'LinuxLocal'],
  ['NAS Share Repository', 2, 8 * TiB, 3.1 * TiB, 'Share'],
];

function addRepositories(inv: Inventory, seed: number): void {
  const rng = createRng(hash3(seed, 0x4e90));
  for (const [name, serverIndex, capacity, freeBase, kind] of REPOSITORIES)
    inv.addRepository({ guid: guidFromRng(rng), name, serverIndex, capacity, freeBase, kind });
}

/** The repository a job writes to: "Repo 1" for every fourth job, else its server's first. */
function repositoryFor(inv: Inventory, o: OwnerSeed, n: number): number {
  if (o.kind > Kind.Replica) return -1;
  if (n % 4 === 1) return inv.repositoryNamed('Repo 1')?.index ?? 0;
  return inv.repositories.find((r) => r.serverIndex === o.serverIndex)?.index ?? 0;
}

/** The scenario job that silently stopped running (its last session is old, its NextRun has passed). */
export const STOPPED_JOB = 'Jenkins Backup';
const STOPPED_FOR_MS = 4 * 86_400_000;

/**
 * Builds the seeded inventory: 3 servers, ~200 VMs, 30 jobs, 3 CDP policies and 2 failover plans.
 * Schedules (docs/simulator.md, "Schedules and history"): one hourly backup and one hourly replica job,
 * a few every 4 hours, the rest daily; two backup jobs disabled; `STOPPED_JOB` halted 4 days before `anchor`.
 */
export function buildInventory(seed: number, anchor: number): Inventory {
  const rng = createRng(hash3(seed, 0x1417));
  const inv = new Inventory();
  SERVER_NAMES.forEach((name, i) =>
    inv.addServer({
      guid: guidFromRng(rng),
      name,
      description: i === 0 ? '' : `Backup server ${name.split('.')[0] ?? name}`,
      port: 9392,
      version: ['13.0.1.180', '12.3.1.1139', '13.0.0.4967'][i] ?? '13.0.1.180',
    }),
  );
  const root = guidFromRng(rng);
  for (let i = 0; i < VM_COUNT; i++) {
    inv.addVm({
      name: vmName(i),
      uid: `urn:VMware:Vm:${root}.vm-${1000 + i * 7}`,
      totalSize: randInt(rng, 8, 500) * GiB,
    });
  }
  const apache02 = inv.vmNamed('apache02')?.index ?? 0;
  addRepositories(inv, seed);
  const add = (o: OwnerSeed): void => {
    const repositoryIndex = repositoryFor(inv, o, inv.owners.length);
    inv.addOwner({
      ...o,
      guid: guidFromRng(rng),
      tenantGuid: o.tenantName ? guidFromRng(rng) : '',
      repositoryIndex,
    });
  };
  const base = (name: string, i: number): Pick<OwnerSeed, 'name' | 'serverIndex' | 'tenantName'> => ({
    name,
    serverIndex: i % SERVER_NAMES.length,
    tenantName: '',
  });
  BACKUP_JOB_NAMES.forEach((name, i) =>
    add({
      ...base(name, i),
      type: 'Job',
      kind: Kind.Backup,
      jobType: /copy/i.test(name) ? 'BackupCopy' : 'Backup',
      platform: i % 5 === 4 ? 'HyperV' : 'VMware',
      description: `Created by TECH\\Administrator at ${2020 + (i % 5)}-0${1 + (i % 9)}-1${i % 10} 10:00.`,
      vms: pickVms(rng, randInt(rng, 2, 8)),
      scheduleConfigured: true,
      scheduleEnabled: i % 7 !== 6,
      everyMinutes: /hourly/i.test(name) ? 60 : i % 6 === 3 ? 240 : 1440,
      startMinute: (18 + (i % 6)) * 60 + (i % 4) * 15,
      typicalDurationMs: randInt(rng, 3, 40) * 60_000,
      ...(name === STOPPED_JOB ? { haltedAt: anchor - STOPPED_FOR_MS } : {}),
    }),
  );
  REPLICA_JOB_NAMES.forEach((name, i) =>
    add({
      ...base(name, i),
      type: 'Job',
      kind: Kind.Replica,
      jobType: 'Replica',
      platform: 'VMware',
      description: `Replication of ${name.replace(/ Replica(tion)?$/, '')}`,
      vms: pickVms(rng, randInt(rng, 2, 6), name === 'Fileserver02 Replication' ? [apache02] : []),
      scheduleConfigured: true,
      scheduleEnabled: true,
      everyMinutes: i === 4 ? 60 : i % 4 === 1 ? 240 : 1440,
      startMinute: (i * 37) % 60,
      typicalDurationMs: randInt(rng, 2, 20) * 60_000,
    }),
  );
  CDP_POLICY_NAMES.forEach((name, i) =>
    add({
      ...base(name, i),
      type: 'CdpPolicy',
      kind: Kind.Cdp,
      jobType: 'CdpReplica',
      platform: 'VMware',
      description: 'Created by ENTERPRISE03\\Administrator',
      vms: pickVms(rng, randInt(rng, 2, 4)),
      scheduleConfigured: true,
      scheduleEnabled: true,
      everyMinutes: 1440,
      startMinute: 0,
      typicalDurationMs: 24 * 3600_000,
    }),
  );
  FAILOVER_PLANS.forEach((plan, i) =>
    add({
      ...base(plan.name, i),
      type: 'CloudFailoverPlan',
      kind: Kind.Failover,
      jobType: 'FailoverPlan',
      platform: 'VMware',
      description: `Cloud failover plan for ${plan.tenant} full site failover`,
      vms: pickVms(rng, randInt(rng, 3, 5)),
      scheduleConfigured: false,
      scheduleEnabled: false,
      everyMinutes: 1440,
      startMinute: 0,
      typicalDurationMs: randInt(rng, 3, 10) * 60_000,
      tenantName: plan.tenant,
    }),
  );
  return inv;
}
