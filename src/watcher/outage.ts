import type { AppError } from '../shared/errors.js';
import { buildOutageRecoveredView, buildOutageView } from '../views/outage-view.js';
import type { DeliveryDeps } from './deliver.js';
import type { WatcherState } from './state.js';

/**
 * A poll failed: log one line when the outage starts (not one per poll) and post one notice to
 * ALERT_CHANNEL once it has lasted OUTAGE_NOTICE_AFTER. The cursor stays where it was.
 */
export async function noteOutage(
  state: WatcherState,
  error: AppError | Error,
  deps: DeliveryDeps,
): Promise<void> {
  const now = deps.now();
  const outage = state.outage;
  const text = 'userMessage' in error ? `${error.userMessage} (${error.message})` : error.message;
  if (outage.since === null) {
    outage.since = now;
    outage.noticePosted = false;
    deps.logger.warn(
      { err: error.message },
      'Enterprise Manager is unreachable; the watcher keeps its place and retries every poll',
    );
  }
  outage.lastError = text;
  const channel = deps.config.alertChannel;
  if (!outage.noticePosted && channel && now - outage.since >= deps.config.outageNoticeAfterMs) {
    await deps.chat.post({ channel, ...buildOutageView({ since: new Date(outage.since), lastError: text }) });
    outage.noticePosted = true;
  }
  await deps.persist();
}

/** A poll succeeded: if an outage was on, log its end and, if its notice went out, post the recovery. */
export async function noteReachable(state: WatcherState, deps: DeliveryDeps): Promise<void> {
  const outage = state.outage;
  if (outage.since === null) return;
  const since = outage.since;
  const now = deps.now();
  deps.logger.info({ downMs: now - since }, 'Enterprise Manager is reachable again');
  const channel = deps.config.alertChannel;
  if (outage.noticePosted && channel) {
    await deps.chat.post({
      channel,
      ...buildOutageRecoveredView({ since: new Date(since), until: new Date(now) }),
    });
  }
  state.outage = { since: null, lastError: null, noticePosted: false };
  await deps.persist();
}
