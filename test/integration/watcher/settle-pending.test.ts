import { alertKey } from '../../../src/watcher/decide.js';
import { settlePending } from '../../../src/watcher/settle-pending.js';
import type { AlertRecord } from '../../../src/watcher/state.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';
import { pollContextOf } from './poll-context-of.js';

let h: Harness;
afterEach(() => h.stop());

/** A Failed session alerted and sent, its record then put back to pending as a crash would leave it. */
async function pendingAgain(edit: (record: AlertRecord) => void = () => undefined) {
  const session = h.stopped({ result: 'Failed' });
  await h.poll(MINUTE);
  const record = h.watcher.state().alerts[alertKey(session.uid, ALERTS)];
  if (!record) throw new Error('expected a record');
  const ts = record.ts;
  record.status = 'pending';
  delete record.ts;
  edit(record);
  return { session, record, ts };
}

const historyCalls = () => h.fake.calls.filter((c) => c.method === 'conversations.history');

describe('settlePending', () => {
  it('marks a pending record sent with the ts of its message found in the channel history', async () => {
    h = await startHarness();
    const { record, ts } = await pendingAgain();

    const replan = await settlePending(pollContextOf(h));

    expect(replan).toEqual([]);
    expect(record).toMatchObject({ status: 'sent', ts });
  });

  it('returns a pending record whose message is not in the channel for posting afresh', async () => {
    h = await startHarness();
    const { session, record } = await pendingAgain((r) => {
      r.batch = 'batch:1:x';
      r.threadTs = '1.000001';
    });
    // The thread and batch keys are not in the channel: as if the post never happened.

    const replan = await settlePending(pollContextOf(h));

    expect(replan.map((p) => p.subject.uid)).toEqual([session.uid]);
    expect(record.status).toBe('pending');
    expect(record.batch).toBeUndefined();
    expect(record.threadTs).toBeUndefined();
  });

  it('drops a record pending for a day without reading the history', async () => {
    h = await startHarness();
    const { record } = await pendingAgain();
    h.advance(24 * 60 * MINUTE);
    const before = historyCalls().length;

    const replan = await settlePending(pollContextOf(h));

    expect(replan).toEqual([]);
    expect(record.status).toBe('dropped');
    expect(historyCalls()).toHaveLength(before);
  });

  it('keeps records pending when the history cannot be read for now', async () => {
    h = await startHarness();
    const { record } = await pendingAgain();
    h.fake.fail({ method: 'conversations.history', kind: 'error', error: 'fatal_error', count: 1 });

    expect(await settlePending(pollContextOf(h))).toEqual([]);
    expect(record.status).toBe('pending');
  });

  it('settles a failover announcement left without a ts, or forgets it to announce again', async () => {
    h = await startHarness();
    const state = h.watcher.state();
    const posted = await h.chat.post({
      channel: ALERTS,
      text: 'failover',
      metadata: { eventType: 'veeam_alert', key: 'failover:f1|CALERTS' },
    });
    const base = { href: 'x', channel: ALERTS, ts: '', finished: false, announcedAt: h.clock.now() };
    state.failovers['failover:f1|CALERTS'] = { uid: 'f1', ...base };
    state.failovers['failover:f2|CALERTS'] = { uid: 'f2', ...base };

    await settlePending(pollContextOf(h));

    expect(state.failovers['failover:f1|CALERTS']?.ts).toBe(posted.ts);
    expect(state.failovers['failover:f2|CALERTS']).toBeUndefined();
  });
});
