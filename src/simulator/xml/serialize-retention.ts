import { dayGrid, el, on } from './serialize-job-options.js';
import type { Res, Value } from './resource.js';

/** `AdvancedStorageOptions`, `GfsRetentionPolicy` and `SimpleRetentionPolicy` of a backup job's info. */
export function storageAndRetention(): [string, Value][] {
  const gfs = (tag: string, period: number, what: string, value: string): [string, Value] => [
    tag,
    el(tag, [
      ['Enabled', true],
      ['RetentionPeriod', period],
      [what, value],
    ]),
  ];
  return [
    ['AdvancedStorageOptions', el('AdvancedStorageOptions', [['PasswordKeyId', null]])],
    [
      'GfsRetentionPolicy',
      el(
        'GfsRetentionPolicy',
        [
          gfs('Weekly', 4, 'SelectedDay', 'Sunday'),
          gfs('Monthly', 12, 'SelectedWeek', 'First'),
          gfs('Yearly', 1, 'SelectedMonth', 'January'),
        ],
        on(true),
      ),
    ],
    [
      'SimpleRetentionPolicy',
      el('SimpleRetentionPolicy', [
        ['RetainCycles', 14],
        ['RetainDaysToKeep', 14],
        ['RetainLimitType', 'Cycles'],
      ]),
    ],
  ];
}

/** A CDP policy's `PolicyScheduleOptions`: 15 s RPO, long-term points every 8 h (as the EM example). */
export function policyScheduleOptions(): Res {
  const threshold = (tag: string, seconds: number): [string, Value] => [
    tag,
    el(tag, [
      ['Enabled', true],
      ['RPOThresholdSeconds', seconds],
      ['RPOThresholdMinutes', 0],
    ]),
  ];
  const cdp = el('CdpReplica', [
    ['RecoveryPointObjectiveSeconds', 15],
    ['RecoveryPointObjectiveMinutes', 0],
    ['RPOSchedule', el('RPOSchedule', [['TimePeriods', dayGrid('TimePeriods', '1')]], on(true))],
    ['RPOReporting', el('RPOReporting', [threshold('MarkAsWarning', 30), threshold('MarkAsFailed', 60)])],
    ['ShortTermRetentionMinutes', 0],
    ['ShortTermRetentionHours', 4],
    ['LongTermRetentionHours', 8],
    ['LongTermRetentionKeepDays', 7],
    [
      'LongTermRetentionSchedule',
      el('LongTermRetentionSchedule', [['TimePeriods', dayGrid('TimePeriods', '2')]], on(true)),
    ],
  ]);
  return el('PolicyScheduleOptions', [['CdpReplica', cdp]]);
}
