import type { Session, TaskSession } from '../em/types.js';
import { escapeMrkdwn } from './format/escape-mrkdwn.js';
import { LIMITS } from './format/limits.js';
import { resultEmoji, resultLabel } from './format/result-emoji.js';
import { formatUtc } from './format/slack-date.js';
import { packLines, truncate } from './format/truncate.js';
import {
  backupServerName,
  durationText,
  ownerLabel,
  ownerName,
  problemTasks,
  taskLine,
} from './session-text.js';

/**
 * An alert as text only, for when Slack refuses the blocks (`invalid_blocks`). Slack still parses `text` as
 * mrkdwn, so EM strings are escaped here too; dates are plain UTC so nothing but text can go wrong.
 */
export function buildPlainTextFallback(session: Session, tasks: TaskSession[]): { text: string } {
  const esc = (s: string, max = 200): string => escapeMrkdwn(truncate(s, max));
  const server = backupServerName(session.links);
  const lines = [
    `${resultEmoji(session)} ${esc(session.name || session.jobName)}: ${esc(resultLabel(session), 40)} (${esc(session.state, 40)})`,
    `${ownerLabel(session)}: ${esc(ownerName(session))}${server ? ` · Backup server: ${esc(server)}` : ''}`,
    `Start ${formatUtc(session.creationTime)} · End ${formatUtc(session.endTime)} · ${durationText(session.creationTime, session.endTime)}`,
  ];
  const failure = session.failureMessage?.trim();
  if (failure) lines.push(`Failure: ${esc(failure, 1000)}`);
  const problems = problemTasks(tasks);
  const head = lines.join('\n');
  if (!problems.length) return { text: truncate(head, LIMITS.fallbackText) };
  const room = LIMITS.fallbackText - head.length - 40;
  const vms = packLines(
    problems.map((t) => taskLine(t, 200)),
    Math.max(200, room),
  );
  return {
    text: truncate(`${head}\nFailed and warning VMs (${problems.length}):\n${vms}`, LIMITS.fallbackText),
  };
}
