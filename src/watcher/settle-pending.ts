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
  const pending = Object.values(state.alerts).filter((r) => r.status === 'pending' && !expired(r, deps));
  const replan: PlannedAlert[] = [];
  for (const group of groupForLookup(pending)) {
    const found = await findInHistory(group, deps);
    if (!found) continue;
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

/** Pending for longer than this: Slack has refused the channel for a day; give up loudly rather than grow. */
const MAX_PENDING_MS = 24 * 3_600_000;

function expired(record: AlertRecord, deps: DeliveryDeps): boolean {
  if (deps.now() - record.decidedAt < MAX_PENDING_MS) return false;
  record.status = 'dropped';
  deps.logger.error(
    { uid: record.uid, channel: record.channel },
    'an alert could not be posted for a day; dropped',
  );
  return true;
}

/** The keys of a group found in the channel history; undefined when Slack refuses (retried next poll). */
async function findInHistory(
  group: { channel: string; threadTs: string | undefined; records: AlertRecord[] },
  deps: DeliveryDeps,
): Promise<Map<string, string> | undefined> {
  const keys = new Set(group.records.map((r) => r.batch ?? r.uid));
  const sinceMs = Math.min(...group.records.map((r) => r.decidedAt)) - HISTORY_MARGIN_MS;
  try {
    return await deps.chat.findPosted(group.channel, keys, {
      sinceMs,
      ...(group.threadTs ? { threadTs: group.threadTs } : {}),
    });
  } catch (error) {
    // Like deliver: one channel Slack refuses must not stop the others; its records stay pending.
    deps.logger.error({ channel: group.channel, err: String(error) }, 'could not read the channel history');
    return undefined;
  }
}

async function replanRecord(record: AlertRecord, deps: DeliveryDeps): Promise<PlannedAlert | undefined> {
  const subject = await fetchSubject(record, deps);
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
