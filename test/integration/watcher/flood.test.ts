import { CHANNEL_REPLY_BUDGET, JOB_REPLY_BUDGET } from '../../../src/watcher/flood.js';
import { blockById } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

const keyOf = (m: { metadata?: { event_payload: Record<string, unknown> } }) =>
  m.metadata?.event_payload['key'];

/** `count` failed sessions of one job, ended one second apart, the newest `newestAgoMs` ago. */
function flood(jobName: string, count: number, newestAgoMs = 0): string[] {
  return Array.from(
    { length: count },
    (_, i) => h.stopped({ jobName, result: 'Failed' }, newestAgoMs + (count - 1 - i) * 10).uid,
  );
}

describe('one job’s flood is one incident', () => {
  it('posts another job’s first alert in the same poll as a 5,000-session flood, which gets one count and few replies', async () => {
    h = await startHarness();
    h.stopped({ jobName: 'Noisy Job', result: 'Failed' });
    await h.poll(MINUTE);
    const [root] = h.topLevel();
    h.advance(MINUTE);
    // The flood spans the last 50 s and the other job failed in the middle of it; with the first failure the
    // window holds 5,000 problem sessions, what one poll reads of a kind (MAX_PER_KIND).
    const flooded = flood('Noisy Job', 2_499, 25_000);
    const other = h.stopped({ jobName: 'Quiet Job', result: 'Failed' }, 24_000);
    flooded.push(...flood('Noisy Job', 2_499));
    const before = h.fake.messages.length;

    const report = await h.poll();

    expect(report).toMatchObject({ ok: true, found: 5_000, posted: 4_999 });
    const posted = h.fake.messages.slice(before);
    // The other job's alert is its own message, posted before any reply of the flooding job.
    expect(keyOf(posted[0] ?? {})).toBe(other.uid);
    expect(h.topLevel()).toHaveLength(2);
    const replies = h.replies(root?.ts ?? '');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThanOrEqual(JOB_REPLY_BUDGET);
    // The newest failure is among the replies, and the first message counts every failure.
    expect(replies.map(keyOf)).toContain(flooded.at(-1));
    expect(blockById(root, 'incident').elements?.[0]?.['text']).toBe('failed 4999 times in a row');
    // Exactly once: every session recorded sent, none left pending.
    const records = flooded.map((uid) => h.watcher.state().alerts[`${uid}|${ALERTS}`]);
    expect(records.every((r) => r?.status === 'sent')).toBe(true);

    const settled = h.fake.messages.length;
    await h.poll(MINUTE);
    await h.poll(MINUTE);
    expect(h.fake.messages.length).toBe(settled);
  });

  it('gives a job that fails many times in its first poll one alert and few replies', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    const uids = flood('Noisy Job', 40);

    expect(await h.poll()).toMatchObject({ posted: 40 });

    const [root] = h.topLevel();
    expect(h.topLevel()).toHaveLength(1);
    expect(keyOf(root ?? {})).toBe(uids[0]);
    expect(h.replies(root?.ts ?? '')).toHaveLength(JOB_REPLY_BUDGET);
    expect(blockById(root, 'incident').elements?.[0]?.['text']).toBe('failed 40 times in a row');
  });

  it('keeps a channel’s replies within its budget when many jobs with open incidents fail again', async () => {
    h = await startHarness({ config: { stormThreshold: 100 } });
    const jobs = Array.from({ length: 20 }, (_, i) => `Job ${String(i).padStart(2, '0')}`);
    for (const jobName of jobs) h.stopped({ jobName, result: 'Failed' });
    await h.poll(MINUTE);
    h.advance(MINUTE);
    for (const jobName of jobs) flood(jobName, 3);
    const before = h.fake.messages.length;

    expect(await h.poll()).toMatchObject({ posted: 60 });

    expect(h.fake.messages.length - before).toBe(CHANNEL_REPLY_BUDGET);
    const incidents = Object.values(h.watcher.state().incidents);
    expect(incidents.every((i) => i.failures === 4)).toBe(true);
    expect(Object.values(h.watcher.state().alerts).every((r) => r.status === 'sent')).toBe(true);
  });
});
