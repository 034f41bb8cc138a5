import type { Owner } from '../model/entities.js';
import type { Res, Value } from './resource.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'].concat([
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]);

/** A plain element with fields and attributes. */
export const el = (tag: string, fields: [string, Value][], attrs: [string, string][] = []): Res => ({
  tag,
  attrs,
  fields,
});
/** The `Enabled` attribute. */
export const on = (enabled: boolean): [string, string][] => [['Enabled', String(enabled)]];
const repeat = (name: string, values: string[]): [string, Value][] => values.map((v) => [name, v]);

/** `<TimePeriods>` / `<Schedule>`: seven `<Day Name="...">1,1,...</Day>` rows. */
export function dayGrid(tag: string, cell: string): Res {
  const row = new Array<string>(24).fill(cell).join(',');
  return {
    ...el(tag, []),
    listKey: 'Day',
    items: DAYS.map((d) => ({ ...el('Day', [], [['Name', d]]), text: row })),
  };
}

/** `HH:mm:ss.0000000+00:00`, the xs:time form schedules use (UTC in the simulator). */
function timeOfDay(minuteOfDay: number): string {
  const h = String(Math.floor(minuteOfDay / 60) % 24).padStart(2, '0');
  const m = String(minuteOfDay % 60).padStart(2, '0');
  return `${h}:${m}:00.0000000+00:00`;
}

/**
 * `JobScheduleOptions` as in the EM job example: daily jobs (interval >= 24 h) enable
 * `OptionsDaily` at the owner's start minute, shorter intervals enable `OptionsPeriodically`.
 */
export function jobScheduleOptions(o: Owner): Res {
  const daily = o.everyMinutes >= 1440;
  const hours = o.everyMinutes % 60 === 0;
  const standart = el('Standart', [
    [
      'RetryOptions',
      el('RetryOptions', [
        ['RetryTimes', 3],
        ['RetryTimeout', 10],
        ['RetrySpecified', true],
      ]),
    ],
    ['WaitForBackupCompletion', true],
    ['BackupCompetitionWaitingPeriodMin', 180],
    [
      'OptionsDaily',
      el(
        'OptionsDaily',
        [
          ['Kind', 'Everyday'],
          ...repeat('Days', DAYS),
          ['Time', timeOfDay(o.startMinute)],
          ['TimeOffsetUtc', 0],
        ],
        on(daily),
      ),
    ],
    [
      'OptionsMonthly',
      el(
        'OptionsMonthly',
        [
          ['Time', timeOfDay(o.startMinute)],
          ['TimeOffsetUtc', 0],
          ['DayNumberInMonth', 'Fourth'],
          ['DayOfWeek', 'Saturday'],
          ...repeat('Months', MONTHS),
          ['DayOfMonth', 1],
        ],
        on(false),
      ),
    ],
    [
      'OptionsPeriodically',
      el(
        'OptionsPeriodically',
        [
          ['Kind', hours ? 'Hours' : 'Minutes'],
          ['FullPeriod', hours ? o.everyMinutes / 60 : o.everyMinutes],
          ['Schedule', dayGrid('Schedule', '1')],
        ],
        on(!daily),
      ),
    ],
    ['OptionsContinuous', el('OptionsContinuous', [['Schedule', dayGrid('Schedule', '1')]], on(false))],
    [
      'OptionsBackupWindow',
      el('OptionsBackupWindow', [['TimePeriods', dayGrid('TimePeriods', '1')]], on(false)),
    ],
    ['OptionsDaisyChaining', el('OptionsDaisyChaining', [['PreviousJobUid', null]], on(false))],
  ]);
  return el('JobScheduleOptions', [['Standart', standart]]);
}

function indexing(mode: string, excluded: string[]): [string, Value][] {
  return [
    ['FileSystemIndexingMode', mode],
    ['IncludedIndexingFolders', null],
    [
      'ExcludedIndexingFolders',
      excluded.length ? el('ExcludedIndexingFolders', repeat('Path', excluded)) : null,
    ],
  ];
}

/**
 * `GuestProcessingOptions` of an `ObjectInJob` (`object`: with UsePersistentGuestAgent and excluded
 * folders, as in the EM example) or of the job itself (defaults only).
 */
export function guestProcessingOptions(object: boolean, sql = false): Res {
  const vss: [string, Value][] = [
    ['VssSnapshotMode', sql ? 'RequireSuccess' : 'IgnoreErrors'],
    ['IsCopyOnly', false],
  ];
  if (object) vss.push(['UsePersistentGuestAgent', false]);
  return el('GuestProcessingOptions', [
    ['VssSnapshotOptions', el('VssSnapshotOptions', vss)],
    [
      'WindowsGuestFSIndexingOptions',
      el(
        'WindowsGuestFSIndexingOptions',
        indexing('ExceptSpecifiedFolders', object ? ['%windir%', '%TEMP%'] : []),
      ),
    ],
    [
      'LinuxGuestFSIndexingOptions',
      el('LinuxGuestFSIndexingOptions', indexing('ExceptSpecifiedFolders', object ? ['/tmp'] : [])),
    ],
    [
      'SqlBackupOptions',
      el('SqlBackupOptions', [
        ['TransactionLogsProcessing', sql ? 'Backup' : 'OnlyOnSuccessJob'],
        ['BackupLogsFrequencyMin', 15],
        ['UseDbBackupRetention', true],
        ['RetainDays', 15],
      ]),
    ],
    ['WindowsCredentialsId', null],
    ['LinuxCredentialsId', null],
  ]);
}

/** The short `GuestProcessingOptions` of CDP policies and their objects (VSS only, as in the EM example). */
export function cdpGuestProcessingOptions(): Res {
  return el('GuestProcessingOptions', [
    [
      'VssSnapshotOptions',
      el('VssSnapshotOptions', [
        ['VssSnapshotMode', 'Disabled'],
        ['IsCopyOnly', true],
      ]),
    ],
    ['WindowsCredentialsId', null],
    ['LinuxCredentialsId', null],
  ]);
}

/** `CloudFailoverPlanOptions` as in the EM cloud failover plan example: no pre/post commands. */
export function cloudFailoverPlanOptions(): Res {
  return el('CloudFailoverPlanOptions', [
    ['PostFailoverPlanCommandEnabled', false],
    ['PostFailoverPlanCommand', null],
    ['PreFailoverPlanCommandEnabled', false],
    ['PreFailoverPlanCommand', null],
  ]);
}
