import { Kind, Result } from '../model/enums.js';
import type { Store } from '../store/store.js';
import { hasRestorePoint, vmPointsOf } from '../store/points.js';
import type { Res, Value } from './resource.js';

const DAY = 86_400_000;
const el = (tag: string, fields: [string, Value][]): Res => ({ tag, attrs: [], fields });

/** Children of `/reports/summary` with their frame types. */
export const SUMMARY_REPORTS: [string, string][] = [
  ['overview', 'OverviewReportFrame'],
  ['vms_overview', 'VmsOverviewReportFrame'],
  ['job_statistics', 'JobStatisticsReportFrame'],
  ['processed_vms', 'ProcessedVmsReportFrame'],
  ['repository', 'RepositoryReportFrame'],
];

/** `GET /reports/summary`: Down links to each report frame. */
export function summaryRes(base: string): Res {
  return {
    tag: 'SummaryReport',
    attrs: [
      ['Type', 'SummaryReport'],
      ['Href', `${base}/reports/summary`],
    ],
    links: SUMMARY_REPORTS.map(([path, type]) => ({
      rel: 'Down',
      type,
      href: `${base}/reports/summary/${path}`,
    })),
    fields: [],
  };
}

/** Finished runs of the last 24 h (the window the summary reports cover), by kind. */
function lastDay(store: Store, now: number, kind: Kind): number[] {
  return store.byCreation[kind]?.range(now - DAY, false, now, true) ?? [];
}

/** Newest result per VM over the last day's backup and replica runs. */
function vmLatest(store: Store, now: number): Map<number, number> {
  const latest = new Map<number, number>();
  for (const kind of [Kind.Backup, Kind.Replica])
    for (const id of lastDay(store, now, kind)) {
      if (Number.isNaN(store.cols.end[id])) continue;
      const owner = store.inventory.owners[store.cols.owner[id] as number];
      for (const vm of owner?.vms ?? []) latest.set(vm, store.cols.result[id] as number);
    }
  return latest;
}

const scheduled = (store: Store, kind?: Kind): number =>
  store.inventory.owners.filter(
    (o) => o.type === 'Job' && o.scheduleEnabled && (kind === undefined || o.kind === kind),
  ).length;
const running = (store: Store): number =>
  (store.running[Kind.Backup]?.size ?? 0) + (store.running[Kind.Replica]?.size ?? 0);

function overview(store: Store, now: number): Res {
  const inv = store.inventory;
  const latest = [...vmLatest(store, now).values()];
  const count = (r: number): number => latest.filter((x) => x === r).length;
  return el('OverviewReportFrame', [
    ['BackupServers', inv.servers.length],
    ['ProxyServers', inv.servers.length],
    ['RepositoryServers', inv.repositories.length],
    ['RunningJobs', running(store)],
    ['ScheduledJobs', scheduled(store)],
    ['SuccessfulVmLastestStates', count(Result.Success)],
    ['WarningVmLastestStates', count(Result.Warning)],
    ['FailedVmLastestStates', count(Result.Failed)],
  ]);
}

function jobStatistics(store: Store, now: number): Res {
  const inv = store.inventory;
  const runs = [...lastDay(store, now, Kind.Backup), ...lastDay(store, now, Kind.Replica)];
  const done = runs.filter((id) => !Number.isNaN(store.cols.end[id]));
  const by = (r: number): number => done.filter((id) => store.cols.result[id] === r).length;
  const longest = (kind: Kind): [number, string] => {
    let best: [number, string] = [0, ''];
    for (const id of done.filter((i) => store.kindOf(i) === kind)) {
      const d = (store.cols.end[id] as number) - (store.cols.creation[id] as number);
      if (d > best[0]) best = [d, inv.owners[store.cols.owner[id] as number]?.name ?? ''];
    }
    return best;
  };
  const [backupMax, backupName] = longest(Kind.Backup);
  const [replicaMax, replicaName] = longest(Kind.Replica);
  return el('JobStatisticsReportFrame', [
    ['RunningJobs', running(store)],
    ['ScheduledJobs', scheduled(store)],
    ['ScheduledBackupJobs', scheduled(store, Kind.Backup)],
    ['ScheduledReplicaJobs', scheduled(store, Kind.Replica)],
    ['TotalJobRuns', done.length],
    ['SuccessfulJobRuns', by(Result.Success)],
    ['WarningsJobRuns', by(Result.Warning)],
    ['FailedJobRuns', by(Result.Failed)],
    ['MaxJobDuration', Math.round(Math.max(backupMax, replicaMax) / 1000)],
    ['MaxBackupJobDuration', Math.round(backupMax / 1000)],
    ['MaxReplicaJobDuration', Math.round(replicaMax / 1000)],
    ['MaxDurationBackupJobName', backupName],
    ['MaxDurationReplicaJobName', replicaName],
  ]);
}

function vmsOverview(store: Store, now: number): Res {
  const inv = store.inventory;
  const backups = lastDay(store, now, Kind.Backup).filter((id) => hasRestorePoint(store, id));
  const points = backups.flatMap((id) => vmPointsOf(store, id, now));
  const protectedVms = new Set(inv.owners.filter((o) => o.type === 'Job').flatMap((o) => o.vms));
  const size = points.reduce((s, p) => s + p.task.totalSize, 0);
  const latest = [...vmLatest(store, now).values()];
  return el('VmsOverviewReportFrame', [
    ['ProtectedVms', protectedVms.size],
    ['BackedUpVms', new Set(points.map((p) => p.task.vmIndex)).size],
    ['ReplicatedVms', new Set(inv.owners.filter((o) => o.kind === Kind.Replica).flatMap((o) => o.vms)).size],
    ['RestorePoints', points.length],
    ['FullBackupPointsSize', Math.round(size * 0.6)],
    ['IncrementalBackupPointsSize', Math.round(size * 0.4)],
    ['ReplicaRestorePointsSize', 0],
    ['SourceVmsSize', [...protectedVms].reduce((s, v) => s + (inv.vms[v]?.totalSize ?? 0), 0)],
    [
      'SuccessBackupPercents',
      latest.length
        ? Math.round((latest.filter((r) => r !== Result.Failed).length / latest.length) * 100)
        : 100,
    ],
  ]);
}

function processedVms(store: Store, now: number): Res {
  const inv = store.inventory;
  const days = (kind: Kind, tag: string): Res[] =>
    [6, 5, 4, 3, 2, 1, 0].map((ago) => {
      const to = now - ago * DAY;
      const ids = store.byCreation[kind]?.range(to - DAY, false, to, true) ?? [];
      const count = ids.reduce(
        (s, id) => s + (inv.owners[store.cols.owner[id] as number]?.vms.length ?? 0),
        0,
      );
      return el(tag, [
        ['Timestamp', new Date(to - DAY).toISOString().replace('.000Z', 'Z')],
        ['Count', count],
      ]);
    });
  return el('ProcessedVmsReportFrame', [
    ['BackupDays', days(Kind.Backup, 'BackupDay')],
    ['ReplicaDays', days(Kind.Replica, 'ReplicaDay')],
  ]);
}

function repository(store: Store, _now: number): Res {
  const inv = store.inventory;
  return el(
    'RepositoryReportFrame',
    inv.repositories.map((r): [string, Value] => [
      'Period',
      el('Period', [
        ['Name', r.name],
        ['Capacity', Math.round(r.capacity)],
        ['FreeSpace', Math.round(inv.freeSpace(r))],
        ['BackupSize', Math.round(r.capacity - inv.freeSpace(r))],
      ]),
    ]),
  );
}

const FRAMES: Record<string, (store: Store, now: number) => Res> = {
  overview,
  job_statistics: jobStatistics,
  vms_overview: vmsOverview,
  processed_vms: processedVms,
  repository,
};

/** One report frame computed from the simulator's data (the last 24 h of scenario time). */
export function reportRes(store: Store, now: number, path: string): Res | undefined {
  return FRAMES[path]?.(store, now);
}
