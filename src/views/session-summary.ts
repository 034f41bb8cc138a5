import type { Session, TaskSession } from '../em/types.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { progressBar } from './format/progress-bar.js';
import { isRunning, resultEmoji, resultLabel } from './format/result-emoji.js';
import { slackDate } from './format/slack-date.js';
import { packLines, truncate } from './format/truncate.js';
import { durationText, problemTasks, taskLine } from './session-text.js';

/** Options of sessionSummary. */
export interface SummaryOptions {
  /** The name to show in bold; the session name by default. */
  title?: string;
  tasks?: TaskSession[];
  now?: Date;
  /** Characters the problem-VM lines may take. */
  taskChars?: number;
}

/**
 * A compact mrkdwn summary of one session for lists: emoji, name, result and state; progress while running;
 * start → end and duration; the failure message; then the failed and warning VMs with short reasons.
 */
export function sessionSummary(session: Session, opts: SummaryOptions = {}): string {
  const title = boldName(truncate(opts.title ?? (session.name || session.jobName), 150));
  const status = `${escapeMrkdwn(truncate(resultLabel(session), 40))} · ${escapeMrkdwn(truncate(session.state, 40))}`;
  const lines = [`${resultEmoji(session)} ${title} · ${status}`];
  const times = `${slackDate(session.creationTime)} → ${session.endTime ? slackDate(session.endTime) : 'now'}`;
  const duration = durationText(session.creationTime, session.endTime, opts.now);
  lines.push(
    isRunning(session)
      ? `${progressBar(session.progress)} · ${times} · ${duration}`
      : `${times} · ${duration}`,
  );
  const failure = session.failureMessage?.trim();
  if (failure) lines.push(`> ${escapeMrkdwn(truncate(failure.replace(/\s+/g, ' '), 300))}`);
  const problems = problemTasks(opts.tasks ?? []);
  if (problems.length)
    lines.push(
      packLines(
        problems.map((t) => taskLine(t, 150)),
        opts.taskChars ?? 1200,
      ),
    );
  return lines.join('\n');
}
