import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { buildSnoozeChoiceView, buildSnoozedLineView } from '../../views/snooze-view.js';
import { claimTargetOf, type ClaimTarget } from '../../watcher/claim-targets.js';
import type { ButtonClick, ButtonIo } from '../button-table.js';
import { replyForError } from '../run-command.js';
import type { CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';
import { muteCommand } from './mute.js';

const DURATIONS: Record<string, string> = { '1h': '1h', '4h': '4h', '24h': '24h', success: '24h' };

/** `Snooze` on an incident or a job's protection alert: offers 1 h / 4 h / 24 h / until the job succeeds. */
export async function offerSnooze(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  const snooze = snoozeOf(click.value, click, deps);
  if (!snooze) return io.reply(closedOrNotRunning(deps));
  await io.reply(buildSnoozeChoiceView(snooze.jobName, click.value));
}

/**
 * A snooze choice: a mute of that one job (the mute command's rules: everyone may snooze one job up to 24 h),
 * announced where routing changes are, and in the incident's thread. "Until it succeeds" ends at the recovery.
 */
export async function snoozeFor(click: ButtonClick, deps: CommandDeps, io: ButtonIo): Promise<void> {
  const bar = click.value.indexOf('|');
  const choice = click.value.slice(0, bar);
  const key = click.value.slice(bar + 1);
  const duration = DURATIONS[choice];
  const snooze = snoozeOf(key, click, deps);
  if (!snooze || !duration || !deps.watcher) return io.reply(closedOrNotRunning(deps));
  let answer;
  try {
    answer = await muteCommand(`"${snooze.jobName}" ${duration}`, click.context, deps);
  } catch (error) {
    return io.reply(replyForError(error, deps.logger, { action: 'snooze' }));
  }
  const job = snooze.jobName.toLowerCase();
  const mute = deps.watcher.state().mutes.find((m) => m.job.toLowerCase() === job);
  if (mute && choice === 'success') {
    mute.untilSuccess = true;
    await deps.watcher.persist();
  }
  if (mute)
    await announceInThread(snooze, mute.until, choice === 'success', click, { ...deps, chat: io.chat });
  await io.reply(answer, { replaceOriginal: true });
}

async function announceInThread(
  thread: { channel: string; threadTs: string },
  until: number,
  untilSuccess: boolean,
  click: ButtonClick,
  deps: Pick<CommandDeps, 'logger'> & { chat: ButtonIo['chat'] },
): Promise<void> {
  const line = buildSnoozedLineView({
    name: click.userName ?? click.context.userId,
    until: new Date(until),
    untilSuccess,
  });
  await deps.chat
    .post({ channel: thread.channel, threadTs: thread.threadTs, ...line })
    .catch((error: unknown) => {
      // The mute is saved and announced where routing changes go; the thread line is for the people in it.
      deps.logger.warn(
        { channel: thread.channel, err: String(error) },
        'could not announce a snooze in the thread',
      );
    });
}

/** The job an open incident or protection alert would snooze, and its thread; undefined when closed. */
function snoozeOf(value: string, click: ButtonClick, deps: CommandDeps): ClaimTarget['snooze'] {
  const target = deps.watcher && claimTargetOf(deps.watcher.state(), value, click.context.channelId);
  return target?.open ? target.snooze : undefined;
}

function closedOrNotRunning(deps: CommandDeps) {
  return deps.watcher
    ? buildNoticeView(':white_check_mark:', 'This alert is closed; nothing to snooze.')
    : buildErrorView(ALERTS_NOT_RUNNING);
}
