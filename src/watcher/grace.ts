import { subjectOfCdpTask, subjectOfSession, type AlertSubject } from './alert-subject.js';
import type { PlannedAlert } from './decide.js';
import type { DeliveryDeps } from './deliver.js';
import { firstSuccesses } from './recovery.js';
import type { AlertRecord, WatcherState } from './state.js';

/**
 * ALERT_RETRY_GRACE: a held Failed alert is dropped when a later session of its job succeeded, and released
 * for posting once its hold ends. Released ones are fetched again from EM by their Href.
 */
export async function resolveHeld(state: WatcherState, deps: DeliveryDeps): Promise<PlannedAlert[]> {
  const held = Object.values(state.alerts).filter((r) => r.status === 'held');
  if (held.length === 0) return [];
  const successes = await firstSuccesses(
    deps.client,
    held.map((record) => ({ job: record.job, afterMs: record.endedAt })),
  );
  const released: PlannedAlert[] = [];
  for (const [index, record] of held.entries()) {
    if (successes[index]) {
      record.status = 'dropped';
      deps.logger.info({ uid: record.uid }, 'a retry succeeded within ALERT_RETRY_GRACE; alert dropped');
    } else if ((record.holdUntil ?? 0) <= deps.now()) {
      const subject = await fetchSubject(record, deps);
      if (subject) {
        record.status = 'pending';
        delete record.holdUntil;
        released.push({ subject, record });
      }
    }
  }
  return released;
}

/** Fetches a recorded alert's session again; undefined when EM no longer has it. */
export async function fetchSubject(
  record: AlertRecord,
  deps: Pick<DeliveryDeps, 'client'>,
): Promise<AlertSubject | undefined> {
  const document = await deps.client.get(record.href);
  if (document.kind === 'session') return subjectOfSession(document.session);
  if (document.kind === 'task') return subjectOfCdpTask(document.task);
  return undefined;
}
