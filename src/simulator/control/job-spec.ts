import { Kind, RESULTS, Result } from '../model/enums.js';
import type { Inventory } from '../store/inventory.js';
import * as p from './parse-spec.js';
import { ControlError } from './session-spec.js';

/** Body of POST /_sim/jobs (docs/simulator.md, "Control API"). */
export interface JobSpec {
  name: string;
  /** `Backup` (default), `Replica` or `BackupCopy`. */
  type?: string;
  /** VM names; default two generated VMs. */
  vms?: string[];
  /** Schedule interval; default 1440 (daily). */
  everyMinutes?: number;
  /** How long before now the last run ended; default 0. */
  lastRunMinutesAgo?: number;
  /** `Success` (default), `Warning` or `Failed`. */
  lastResult?: string;
  /** Default true. */
  scheduleEnabled?: boolean;
  /** Repository name; default the first repository. */
  repository?: string;
  /** Runs before the newest one; default as many as fit in 30 days, at most 100. */
  pastRuns?: number;
}

/** A validated JobSpec with defaults applied. */
export interface ParsedJob {
  name: string;
  kind: Kind;
  jobType: string;
  vmNames: string[];
  everyMinutes: number;
  lastRunMinutesAgo: number;
  lastResult: number;
  scheduleEnabled: boolean;
  repositoryIndex: number;
  /** Undefined: as many as fit in 30 days, at most 100. */
  pastRuns: number | undefined;
}

const JOB_TYPES: Record<string, Kind> = {
  backup: Kind.Backup,
  replica: Kind.Replica,
  backupcopy: Kind.Backup,
};
const CANONICAL: Record<string, string> = { backup: 'Backup', replica: 'Replica', backupcopy: 'BackupCopy' };
const KNOWN = new Set([
  'name',
  'type',
  'vms',
  'everyMinutes',
  'lastRunMinutesAgo',
  'lastResult',
  'scheduleEnabled',
  'repository',
  'pastRuns',
]);
/** At most this many earlier runs per created job (a million-point estate is 1,000 jobs x 10 VMs x 100 runs). */
const MAX_PAST_RUNS = 1000;
/** At most this many VMs per created job. */
const MAX_VMS = 5000;

function integer(value: unknown, what: string, min: number, max: number, fallback: number): number {
  const n = p.numberValue(value, what, min, max) ?? fallback;
  if (!Number.isInteger(n)) throw new ControlError(`${what} must be an integer between ${min} and ${max}`);
  return n;
}

function vmNames(value: unknown, jobName: string): string[] {
  if (value === undefined) {
    const stem =
      jobName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'vm';
    return [`${stem}-vm01`, `${stem}-vm02`];
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_VMS)
    throw new ControlError(`vms must be a list of 1 to ${MAX_VMS} VM names`);
  return value.map((v) => {
    if (typeof v !== 'string' || v.trim() === '') throw new ControlError('vms must hold non-empty strings');
    return v;
  });
}

/** Validates a POST /_sim/jobs body; ControlError (400) naming the field otherwise. */
export function parseJobSpec(body: unknown, inv: Inventory): ParsedJob {
  const b = p.objectBody(body);
  const unknown = Object.keys(b).find((k) => !KNOWN.has(k));
  if (unknown !== undefined) throw new ControlError(`${unknown} is not a job field`);
  const name = p.stringValue(b.name, 'name');
  if (name === undefined || name.trim() === '') throw new ControlError('name is required');
  const typeKey = (p.stringValue(b.type, 'type') ?? 'Backup').toLowerCase();
  const kind = JOB_TYPES[typeKey];
  if (kind === undefined) throw new ControlError('type must be one of Backup, Replica, BackupCopy');
  const lastResult = p.enumValue(RESULTS, b.lastResult, 'lastResult') ?? Result.Success;
  if (lastResult === Result.None)
    throw new ControlError('lastResult must be one of Success, Warning, Failed');
  const repoName = p.stringValue(b.repository, 'repository');
  const repo = repoName === undefined ? inv.repositories[0] : inv.repositoryNamed(repoName);
  if (!repo) throw new ControlError(`repository: no repository named '${repoName ?? ''}'`);
  return {
    name,
    kind,
    jobType: CANONICAL[typeKey] ?? 'Backup',
    vmNames: vmNames(b.vms, name),
    everyMinutes: integer(b.everyMinutes, 'everyMinutes', 1, 525_600, 1440),
    lastRunMinutesAgo: integer(b.lastRunMinutesAgo, 'lastRunMinutesAgo', 0, 5_256_000, 0),
    lastResult,
    scheduleEnabled: p.boolValue(b.scheduleEnabled, 'scheduleEnabled') ?? true,
    repositoryIndex: repo.index,
    pastRuns: b.pastRuns === undefined ? undefined : integer(b.pastRuns, 'pastRuns', 0, MAX_PAST_RUNS, 0),
  };
}
