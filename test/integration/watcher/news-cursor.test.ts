import { MAX_PER_KIND } from '../../../src/watcher/fetch-subjects.js';
import { MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

const SECOND = 1000;

function sentUids(): Set<string> {
  return new Set(
    Object.values(h.watcher.state().alerts)
      .filter((record) => record.status === 'sent')
      .map((record) => record.uid),
  );
}

describe('the news cursor', () => {
  it('does not re-read thousands of old problems in the look-back, yet alerts one EM reports late', async () => {
    h = await startHarness();
    await h.poll(MINUTE);
    for (let i = 0; i < 2000; i += 1) h.stopped({ jobName: `Old ${i % 30}`, result: 'Warning' }, i * 10);
    await h.poll(MINUTE);
    await h.poll(MINUTE);
    expect(sentUids().size).toBe(2000);

    h.sim.resetStats();
    await h.poll(MINUTE);
    const quiet = h.sim.stats();
    // Re-reading the 2,000 would be megabytes: a read of the last interval and a count of the rest per kind.
    expect(quiet.requests.total).toBeLessThanOrEqual(12);
    expect(quiet.bytes.total).toBeLessThan(60_000);

    // Ended 3 minutes ago, before the part the next poll re-reads, and only now in EM.
    const late = h.stopped({ result: 'Failed', jobName: 'Late Copy' }, 3 * MINUTE);
    await h.poll(MINUTE);
    await h.poll(MINUTE);
    h.sim.resetStats();
    await h.poll(MINUTE);

    expect(h.withKey(late.uid)).toHaveLength(1);
    expect(h.sim.stats().bytes.total).toBeLessThan(60_000);
  });

  it('pages past more than MAX_PER_KIND problems that ended within the same second', async () => {
    h = await startHarness();
    await h.poll(MINUTE);
    const uids: string[] = [];
    for (let i = 0; i < MAX_PER_KIND + 300; i += 1) {
      uids.push(h.stopped({ jobName: `Crowd ${i % 40}`, result: 'Warning' }).uid);
    }
    h.advance(2 * SECOND);
    const after = h.stopped({ result: 'Failed', jobName: 'After The Crowd' });

    for (let i = 0; i < 3; i += 1) await h.poll(MINUTE);

    const sent = sentUids();
    expect([...uids, after.uid].filter((uid) => !sent.has(uid))).toEqual([]);
    expect(sent.size).toBe(uids.length + 1);
  });
});
