import {
  assessVm,
  assessVmWithoutPoint,
  BOOTSTRAP_WINDOW_MS,
  countStates,
  jobState,
  missedRun,
  scheduleWentDisabled,
} from '../../../src/protection/assess.js';
import { isWatchedJob, kindOfJobType } from '../../../src/protection/watched.js';

const MIN = 60_000;
const now = 1_000_000 * MIN;
const schedule = (nextRun: number | undefined, enabled = true) => ({
  configured: true,
  enabled,
  nextRun: nextRun === undefined ? undefined : new Date(nextRun),
});

describe('missedRun', () => {
  const opts = { now, graceMs: 30 * MIN, lastStartedAt: undefined };
  it('is a missed run only after the grace', () => {
    expect(missedRun(schedule(now - 30 * MIN), opts)).toBeUndefined();
    expect(missedRun(schedule(now - 31 * MIN), opts)).toEqual({
      nextRun: now - 31 * MIN,
      breachedAt: now - MIN,
      lastStartedAt: undefined,
    });
  });

  it('is not missed when a session started since NextRun, or the schedule is off', () => {
    expect(missedRun(schedule(now - 60 * MIN), { ...opts, lastStartedAt: now - 50 * MIN })).toBeUndefined();
    expect(missedRun(schedule(now - 60 * MIN, false), opts)).toBeUndefined();
    expect(missedRun(schedule(undefined), opts)).toBeUndefined();
    expect(missedRun({ ...schedule(now - 60 * MIN), configured: false }, opts)).toBeUndefined();
  });
});

describe('scheduleWentDisabled', () => {
  it('is news only on a change seen by an earlier check', () => {
    expect(scheduleWentDisabled(true, false)).toBe(true);
    expect(scheduleWentDisabled(undefined, false)).toBe(false);
    expect(scheduleWentDisabled(false, false)).toBe(false);
  });
});

describe('assessVmWithoutPoint', () => {
  const rpo = { ms: 60 * MIN, source: 'default' as const };
  it('is stale once the RPO has passed since the loop first saw the VM without a point', () => {
    expect(assessVmWithoutPoint(now - 61 * MIN, rpo, now)).toEqual({
      state: 'stale',
      ageMs: undefined,
      breachedAt: now - MIN,
    });
    expect(assessVmWithoutPoint(now - 60 * MIN, rpo, now).state).toBe('protected');
  });
  it('is not judged without an RPO, or with one longer than the read window (an older point may exist)', () => {
    expect(assessVmWithoutPoint(now - 600 * MIN, undefined, now).state).toBe('protected');
    const long = { ms: BOOTSTRAP_WINDOW_MS + MIN, source: 'learned' as const };
    expect(assessVmWithoutPoint(now - 2 * BOOTSTRAP_WINDOW_MS, long, now).breachedAt).toBeUndefined();
  });
});

describe('assessVm', () => {
  const rpo = { ms: 60 * MIN, source: 'learned' as const };
  it('is stale when the newest point is older than the RPO, since point + RPO', () => {
    expect(assessVm(now - 61 * MIN, rpo, now)).toEqual({
      state: 'stale',
      ageMs: 61 * MIN,
      breachedAt: now - MIN,
    });
    expect(assessVm(now - 60 * MIN, rpo, now).state).toBe('protected');
    expect(assessVm(now - 600 * MIN, undefined, now).state).toBe('protected');
  });
});

describe('jobState and countStates', () => {
  it('orders missed, disabled, stale, protected', () => {
    expect(jobState({ missed: true, enabled: true, staleVms: 3 })).toBe('missed');
    expect(jobState({ missed: false, enabled: false, staleVms: 3 })).toBe('disabled');
    expect(jobState({ missed: false, enabled: true, staleVms: 1 })).toBe('stale');
    expect(jobState({ missed: false, enabled: true, staleVms: 0 })).toBe('protected');
    expect(countStates(['stale', 'stale', 'missed'])).toEqual({
      missed: 1,
      stale: 2,
      disabled: 0,
      protected: 0,
    });
  });
});

describe('isWatchedJob', () => {
  const job = (name: string, jobType = 'Backup', configured = true) => ({
    name,
    jobType,
    schedule: {
      configured,
      enabled: true,
      nextRun: undefined,
      kind: 'Daily' as const,
      intervalMinutes: 1440,
    },
  });
  it('watches scheduled jobs of the watched kinds whose names match the glob', () => {
    const opts = { kinds: ['backup', 'replica'] as const, pattern: 'SQL*' };
    expect(isWatchedJob(job('sql nightly'), opts)).toBe(true);
    expect(isWatchedJob(job('Web'), opts)).toBe(false);
    expect(isWatchedJob(job('SQL manual', 'Backup', false), opts)).toBe(false);
    expect(isWatchedJob(job('SQL replica', 'Replica'), { kinds: ['backup'], pattern: '*' })).toBe(false);
    expect(kindOfJobType('BackupCopy')).toBe('backup');
    expect(kindOfJobType('CdpPolicy')).toBe('cdp');
  });
});
