import { resolveHeld, fetchSubject } from '../../../src/watcher/grace.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';
import { pollContextOf } from './poll-context-of.js';

let h: Harness;
afterEach(() => h.stop());

const GRACE = 10 * MINUTE;

/** A Failed session the watcher has decided to hold, and its record. */
async function held(jobName = 'Nightly Backup') {
  const session = h.stopped({ result: 'Failed', jobName });
  await h.poll(MINUTE);
  const record = h.watcher.state().alerts[`${session.uid}|${ALERTS}`];
  if (record?.status !== 'held') throw new Error('expected a held record');
  return { session, record };
}

describe('resolveHeld', () => {
  it('keeps a held alert held while its grace runs and no retry succeeded', async () => {
    h = await startHarness({ config: { retryGraceMs: GRACE } });
    const { record } = await held();
    h.advance(GRACE - MINUTE);

    expect(await resolveHeld(pollContextOf(h))).toEqual([]);
    expect(record.status).toBe('held');
  });

  it('drops a held alert once a later session of its job succeeded', async () => {
    h = await startHarness({ config: { retryGraceMs: GRACE } });
    const { record } = await held();
    h.stopped({ result: 'Success', jobName: 'Nightly Backup', isRetry: true });

    expect(await resolveHeld(pollContextOf(h))).toEqual([]);
    expect(record.status).toBe('dropped');
  });

  it('releases a held alert when its grace is over, fetched again from EM and pending', async () => {
    h = await startHarness({ config: { retryGraceMs: GRACE } });
    const { session, record } = await held();
    h.advance(GRACE);

    const released = await resolveHeld(pollContextOf(h));

    expect(released.map((p) => p.subject.uid)).toEqual([session.uid]);
    expect(released[0]?.record).toBe(record);
    expect(record.status).toBe('pending');
    expect(record.holdUntil).toBeUndefined();
  });

  it('drops a released alert whose session EM no longer has', async () => {
    h = await startHarness({ config: { retryGraceMs: GRACE } });
    const { record } = await held();
    record.href = `${h.sim.url}backupSessions/00000000-0000-4000-8000-000000000000?format=Entity`;
    h.advance(GRACE);

    expect(await resolveHeld(pollContextOf(h))).toEqual([]);
    expect(record.status).toBe('dropped');
    expect(await fetchSubject(record, pollContextOf(h))).toBeUndefined();
  });
});
