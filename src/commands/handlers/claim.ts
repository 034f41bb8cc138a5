import { buildClaimedView } from '../../views/claim-view.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import type { IncidentClaim, IncidentRecord } from '../../watcher/state.js';
import type { ButtonClick, ButtonIo } from '../button-table.js';
import type { CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';

type ClaimDeps = Pick<CommandDeps, 'watcher' | 'clock' | 'logger'>;

/** `Claim` on an incident: records who is on it and shows it on the message; someone else's claim is offered for take-over. */
export function claimIncident(click: ButtonClick, deps: ClaimDeps, io: ButtonIo): Promise<void> {
  return claim(click, deps, io, false);
}

/** `Take over`: claims an incident someone else had. */
export function takeOverIncident(click: ButtonClick, deps: ClaimDeps, io: ButtonIo): Promise<void> {
  return claim(click, deps, io, true);
}

async function claim(click: ButtonClick, deps: ClaimDeps, io: ButtonIo, takeOver: boolean): Promise<void> {
  const { watcher } = deps;
  if (!watcher) return io.reply(buildErrorView(ALERTS_NOT_RUNNING));
  const key = click.value;
  const incident: IncidentRecord | undefined = watcher.state().incidents[key];
  if (!incident || incident.recoveredAt !== undefined)
    return io.reply(buildNoticeView(':white_check_mark:', 'This incident is closed; nothing to claim.'));
  const { userId } = click.context;
  const holder = incident.claim;
  if (holder?.by === userId)
    return io.reply(buildNoticeView(':raising_hand:', 'You have claimed it already.'));
  if (holder && !takeOver)
    return io.reply(buildClaimedView({ name: holder.name, at: new Date(holder.at) }, key));
  const next: IncidentClaim = { by: userId, name: click.userName ?? userId, at: deps.clock.now() };
  incident.claim = next;
  try {
    await watcher.persist();
  } catch (error) {
    if (holder) incident.claim = holder;
    else delete incident.claim;
    deps.logger.error({ err: String(error) }, 'could not save a claim');
    return io.reply(buildErrorView('Not saved, so nothing changed: the bot cannot write its state.'));
  }
  deps.logger.info(
    {
      audit: true,
      user: userId,
      job: incident.jobName,
      action: takeOver ? 'take_over' : 'claim',
      outcome: 'done',
      from: holder?.by,
    },
    'incident claimed',
  );
  const shown = await watcher.refreshIncident?.(key).catch((error: unknown) => {
    deps.logger.warn({ err: String(error) }, 'could not show a claim on its message');
    return false;
  });
  if (!shown)
    return io.reply(
      buildNoticeView(
        ':raising_hand:',
        'Claimed, but the alert message could not be updated:',
        incident.jobName,
      ),
      { replaceOriginal: takeOver },
    );
  if (takeOver)
    await io.reply(buildNoticeView(':raising_hand:', 'You have claimed', incident.jobName), {
      replaceOriginal: true,
    });
}
