import { buildClaimedView } from '../../views/claim-view.js';
import { buildErrorView } from '../../views/error-view.js';
import { buildNoticeView } from '../../views/notice-view.js';
import { claimTargetOf } from '../../watcher/claim-targets.js';
import type { IncidentClaim } from '../../watcher/state.js';
import type { ButtonClick, ButtonIo } from '../button-table.js';
import type { CommandDeps } from '../types.js';
import { ALERTS_NOT_RUNNING } from '../watcher-port.js';

type ClaimDeps = Pick<CommandDeps, 'watcher' | 'clock' | 'logger'>;

/**
 * `Claim` on an incident, a protection alert or a failover (the button's value names it): records who is on it
 * and shows it on the message; someone else's claim is offered for take-over.
 */
export function claimIncident(click: ButtonClick, deps: ClaimDeps, io: ButtonIo): Promise<void> {
  return claim(click, deps, io, false);
}

/** `Take over`: claims what someone else had. */
export function takeOverIncident(click: ButtonClick, deps: ClaimDeps, io: ButtonIo): Promise<void> {
  return claim(click, deps, io, true);
}

async function claim(click: ButtonClick, deps: ClaimDeps, io: ButtonIo, takeOver: boolean): Promise<void> {
  const { watcher } = deps;
  if (!watcher) return io.reply(buildErrorView(ALERTS_NOT_RUNNING));
  const target = claimTargetOf(watcher.state(), click.value, click.context.channelId);
  if (!target?.open)
    return io.reply(
      buildNoticeView(':white_check_mark:', `This ${target?.noun ?? 'alert'} is closed; nothing to claim.`),
    );
  const { userId } = click.context;
  const holder = target.claim;
  if (holder?.by === userId)
    return io.reply(buildNoticeView(':raising_hand:', 'You have claimed it already.'));
  if (holder && !takeOver)
    return io.reply(buildClaimedView({ name: holder.name, at: new Date(holder.at) }, click.value));
  const next: IncidentClaim = { by: userId, name: click.userName ?? userId, at: deps.clock.now() };
  target.set(next);
  try {
    await watcher.persist();
  } catch (error) {
    target.set(holder);
    deps.logger.error({ err: String(error) }, 'could not save a claim');
    return io.reply(buildErrorView('Not saved, so nothing changed: the bot cannot write its state.'));
  }
  deps.logger.info(
    {
      audit: true,
      user: userId,
      job: target.name,
      target: target.kind,
      action: takeOver ? 'take_over' : 'claim',
      outcome: 'done',
      from: holder?.by,
    },
    `${target.noun} claimed`,
  );
  const shown = await watcher.refreshClaim?.(click.value).catch((error: unknown) => {
    deps.logger.warn({ err: String(error) }, 'could not show a claim on its message');
    return false;
  });
  if (!shown)
    return io.reply(
      buildNoticeView(':raising_hand:', 'Claimed, but its message could not be updated:', target.name),
      { replaceOriginal: takeOver },
    );
  if (takeOver)
    await io.reply(buildNoticeView(':raising_hand:', 'You have claimed', target.name), {
      replaceOriginal: true,
    });
}
