import { ErrorCode, isAppError } from '../shared/errors.js';
import type { PlannedAlert } from './decide.js';
import type { DeliveryDeps } from './deliver.js';
import { fetchSubject } from './grace.js';
import type { AlertRecord, WatcherState } from './state.js';

/** How far before a pending record's decision the channel history is read (clock skew, slow posts). */
const HISTORY_MARGIN_MS = 5 * 60_000;

/**
 * Settles alerts left pending by a crash or a failed post: the channel history (message metadata) says
 * whether each went out; found ones become sent, the others are fetched again and returned for posting.
 * Failover announcements left without a ts are settled the same way.
 */
export async function settlePending(state: WatcherState, deps: DeliveryDeps): Promise<PlannedAlert[]> {
  const pending = Object.values(state.alerts).filter((r) => r.status === 'pending');
  const replan: PlannedAlert[] = [];
  for (const group of groupForLookup(pending)) {
    const keys = new Set(group.records.map((r) => r.batch ?? r.uid));
    const sinceMs = Math.min(...group.records.map((r) => r.decidedAt)) - HISTORY_MARGIN_MS;
    const found = await deps.chat.findPosted(group.channel, keys, {
      sinceMs,
      ...(group.threadTs ? { threadTs: group.threadTs } : {}),
    });
    for (const record of group.records) {
      const ts = found.get(record.batch ?? record.uid);
      if (ts) {
        record.status = 'sent';
        record.ts = ts;
        continue;
      }
      const planned = await replanRecord(record, deps);
      if (planned) replan.push(planned);
    }
  }
  await settleFailovers(state, deps);
  if (pending.length > 0) {
    deps.logger.info(
      { pending: pending.length, reposting: replan.length },
      'settled alerts left pending by the last run',
    );
    await deps.persist();
  }
  return replan;
}

async function replanRecord(record: AlertRecord, deps: DeliveryDeps): Promise<PlannedAlert | undefined> {
  let subject;
  try {
    subject = await fetchSubject(record, deps);
  } catch (error) {
    if (!isAppError(error, ErrorCode.EmNotFound)) throw error;
  }
  if (!subject) {
    record.status = 'dropped';
    deps.logger.warn(
      { uid: record.uid },
      'a pending alert’s session is gone from Enterprise Manager; dropped',
    );
    return undefined;
  }
  // Posted afresh: whether it goes into a thread or a storm summary is decided again now.
  delete record.batch;
  delete record.threadTs;
  return { subject, record };
}

async function settleFailovers(state: WatcherState, deps: DeliveryDeps): Promise<void> {
  for (const [key, record] of Object.entries(state.failovers)) {
    if (record.ts) continue;
    const found = await deps.chat.findPosted(record.channel, new Set([key]), {
      sinceMs: record.announcedAt - HISTORY_MARGIN_MS,
    });
    const ts = found.get(key);
    if (ts) record.ts = ts;
    else delete state.failovers[key]; // not posted: the next poll announces it again
  }
}

function groupForLookup(records: AlertRecord[]) {
  const groups = new Map<string, { channel: string; threadTs: string | undefined; records: AlertRecord[] }>();
  for (const record of records) {
    const id = `${record.channel}|${record.threadTs ?? ''}`;
    const group = groups.get(id) ?? { channel: record.channel, threadTs: record.threadTs, records: [] };
    group.records.push(record);
    groups.set(id, group);
  }
  return groups.values();
}
