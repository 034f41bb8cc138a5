import type { RepositoryLevel } from '../protection/repository-level.js';
import { describeRpoSource, type Rpo } from '../protection/rpo.js';
import { formatDuration } from '../shared/duration.js';
import { context, header, section } from './blocks.js';
import type { SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { formatSize } from './format/format-size.js';
import { progressBar } from './format/progress-bar.js';
import { formatUtc } from './format/slack-date.js';
import { finishView } from './finish-view.js';

/** VMs listed in one RPO alert; the rest are counted. */
export const RPO_ALERT_VMS = 20;

const serverLine = (job: string, server: string | undefined): string =>
  `Job ${boldName(job)}${server ? ` on backup server ${boldName(server)}` : ''}`;
const withMention = (text: string, mention: string | undefined): string =>
  mention ? `${mention} ${text}` : text;

/** A job with its schedule on missed its run: the slot, the grace, the newest session. */
export function buildMissedRunView(input: {
  job: string;
  server: string | undefined;
  nextRun: Date;
  graceMs: number;
  lastStartedAt: Date | undefined;
  mention?: string;
}): SlackMessage {
  const text = `:alarm_clock: ${input.job} missed its run at ${formatUtc(input.nextRun)}`;
  return finishView(withMention(escapeMrkdwn(text), input.mention), [
    header(`⏰ Missed run: ${input.job}`, 'protection_header'),
    section(
      withMention(
        `${serverLine(input.job, input.server)} was due at ${escapeMrkdwn(formatUtc(input.nextRun))} and no session has started for ${formatDuration(input.graceMs)} since.`,
        input.mention,
      ),
      'protection_missed',
    ),
    context(
      [
        `Newest session started: ${escapeMrkdwn(input.lastStartedAt ? formatUtc(input.lastStartedAt) : 'none')} · \`/veeam protection\``,
      ],
      'protection_evidence',
    ),
  ]);
}

/** A job's schedule went from enabled to disabled: who can fix it is whoever runs that backup server. */
export function buildScheduleDisabledView(input: {
  job: string;
  server: string | undefined;
  mention?: string;
}): SlackMessage {
  const text = `:double_vertical_bar: The schedule of ${input.job} was disabled`;
  return finishView(withMention(escapeMrkdwn(text), input.mention), [
    header(`⏸️ Schedule disabled: ${input.job}`, 'protection_header'),
    section(
      withMention(
        `${serverLine(input.job, input.server)} no longer runs on its schedule. If that was not meant, enable it again in the Veeam console${input.server ? ` of ${boldName(input.server)}` : ''}.`,
        input.mention,
      ),
      'protection_disabled',
    ),
  ]);
}

/** One job's VMs whose newest restore point is older than the job's RPO (one alert per episode, grouped per job). */
export function buildRpoAlertView(input: {
  job: string;
  server: string | undefined;
  rpo: Rpo;
  /** ageMs undefined: no restore point seen at all. */
  vms: { vm: string; ageMs: number | undefined }[];
  /** The job's newest sessions, newest first; undefined when they could not be read. */
  sessions?: RecentSessionLine[];
  mention?: string;
}): SlackMessage {
  const count = input.vms.length;
  const text = `:hourglass: ${count} VM${count === 1 ? '' : 's'} of ${input.job} without a restore point within ${formatDuration(input.rpo.ms)}`;
  const age = (v: { ageMs: number | undefined }): number => v.ageMs ?? Number.POSITIVE_INFINITY;
  const sorted = [...input.vms].sort((a, b) => age(b) - age(a) || a.vm.localeCompare(b.vm));
  const lines = sorted
    .slice(0, RPO_ALERT_VMS)
    .map(
      (v) =>
        `• ${boldName(v.vm)}: ${v.ageMs === undefined ? 'no restore point seen' : `newest point ${formatDuration(v.ageMs)} old`}`,
    );
  if (count > RPO_ALERT_VMS) lines.push(`… and ${count - RPO_ALERT_VMS} more, all stale`);
  return finishView(withMention(escapeMrkdwn(text), input.mention), [
    header(`⌛ RPO breached: ${input.job}`, 'protection_header'),
    section(
      withMention(
        `${serverLine(input.job, input.server)}: RPO ${formatDuration(input.rpo.ms)} (${escapeMrkdwn(describeRpoSource(input.rpo.source))})`,
        input.mention,
      ),
      'protection_rpo',
    ),
    section(lines.join('\n'), 'protection_vms'),
    context([sessionsLine(input.sessions)], 'protection_sessions'),
    context(
      [`\`/veeam protection ${escapeMrkdwn(input.job)}\` for every VM of the job`],
      'protection_evidence',
    ),
  ]);
}

/** One of a job's last sessions in an RPO alert. */
export interface RecentSessionLine {
  result: string;
  state: string;
  endTime: Date | undefined;
}

const RESULT_EMOJI: Record<string, string> = {
  Success: ':white_check_mark:',
  Warning: ':warning:',
  Failed: ':x:',
};

/** `Last sessions: ✅ Success, ended … · ❌ Failed, ended …` (every EM string escaped). */
function sessionsLine(sessions: RecentSessionLine[] | undefined): string {
  if (sessions === undefined) return 'Last sessions: could not be read';
  if (sessions.length === 0) return 'Last sessions: none';
  const items = sessions.map((s) => {
    if (s.endTime === undefined) return `:arrow_forward: ${escapeMrkdwn(s.state)}, still running`;
    const emoji = RESULT_EMOJI[s.result] ?? ':grey_question:';
    return `${emoji} ${escapeMrkdwn(s.result)}, ended ${escapeMrkdwn(formatUtc(s.endTime))}`;
  });
  return `Last sessions: ${items.join(' · ')}`;
}

/** A repository below a free-space level; updated in place as its free space changes. */
export function buildRepositoryAlertView(input: {
  name: string;
  server: string | undefined;
  level: Exclude<RepositoryLevel, 'ok'>;
  freePercent: number | undefined;
  freeBytes: number | undefined;
  capacityBytes: number | undefined;
  thresholdPercent: number;
  mention?: string;
}): SlackMessage {
  const emoji = input.level === 'critical' ? ':red_circle:' : ':large_orange_circle:';
  const free = input.freePercent === undefined ? '?' : `${input.freePercent.toFixed(1)} %`;
  const text = `${emoji} Repository ${input.name} below ${input.thresholdPercent} % free (${free})`;
  const used = input.freePercent === undefined ? undefined : 100 - input.freePercent;
  return finishView(withMention(escapeMrkdwn(text), input.mention), [
    header(`💾 Repository ${input.level}: ${input.name}`, 'protection_header'),
    section(
      withMention(
        `${emoji} ${boldName(input.name)}${input.server ? ` on ${boldName(input.server)}` : ''} has ${free} free, below ${input.thresholdPercent} %: ${formatSize(input.freeBytes)} of ${formatSize(input.capacityBytes)}.`,
        input.mention,
      ),
      'protection_repository',
    ),
    section(`\`${progressBar(used, 20)}\` used`, 'protection_bar'),
  ]);
}

/** A reply in an alert's thread: the job ran again, the VMs are protected again, the repository recovered. */
export function buildProtectionRecoveryView(line: string): SlackMessage {
  const text = `:white_check_mark: ${escapeMrkdwn(line)}`;
  return finishView(text, [section(text, 'protection_recovered')]);
}

/** The one message of the first start: breaches that already existed, counted, with where to look. */
export function buildProtectionSummaryView(input: {
  missedJobs: number;
  staleVms: number;
  repositories: number;
  /** The line the repositories are below (the critical one when all are critical). */
  repoPercent: number;
}): SlackMessage {
  const parts = [
    input.missedJobs > 0
      ? `${plural(input.missedJobs, 'job')} missed ${input.missedJobs === 1 ? 'its' : 'their'} run`
      : '',
    input.staleVms > 0
      ? `${plural(input.staleVms, 'VM')} ${input.staleVms === 1 ? 'has no restore point within its' : 'have no restore point within their'} RPO`
      : '',
    input.repositories > 0
      ? `${plural(input.repositories, 'repository', 'repositories')} below ${input.repoPercent} %`
      : '',
  ].filter(Boolean);
  const line = `${parts.join(', ')}: \`/veeam protection\``;
  return finishView(`:shield: ${escapeMrkdwn(parts.join(', '))}`, [
    section(`:shield: ${escapeMrkdwn(line)}`, 'protection_summary'),
  ]);
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
