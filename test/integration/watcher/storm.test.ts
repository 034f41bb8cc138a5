import { STORM_DETAILS_CAP } from '../../../src/watcher/storm.js';
import { blockById, blocksOf, blockTexts, textOf } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

/** `count` failed sessions of distinct jobs, ended in the last minute. */
function failMany(count: number, result = 'Failed'): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      h.stopped({ jobName: `${result} Job ${String(i).padStart(4, '0')}`, result }, (i % 50) * 1000).uid,
  );
}

const summaries = () =>
  h.topLevel().filter((m) => String(m.metadata?.event_payload['key']).startsWith('batch:'));

describe('alert storms', () => {
  it('posts up to the threshold one by one', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    failMany(5);
    await h.poll();
    expect(h.topLevel()).toHaveLength(5);
    expect(summaries()).toHaveLength(0);
  });

  it('posts one summary with the details in its thread beyond the threshold, every record sent', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    const uids = failMany(8);

    const report = await h.poll();

    expect(report.posted).toBe(8);
    expect(h.topLevel()).toHaveLength(1);
    const [summary] = summaries();
    expect(summary).toBeDefined();
    expect(h.replies(summary?.ts ?? '')).toHaveLength(8);
    const records = uids.map((uid) => h.watcher.state().alerts[`${uid}|${ALERTS}`]);
    expect(records.every((r) => r?.status === 'sent' && r.ts === summary?.ts)).toBe(true);
  });

  it('caps the details in the thread, worst first', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    failMany(10, 'Warning');
    failMany(STORM_DETAILS_CAP + 5);

    await h.poll();

    const [summary] = summaries();
    const details = h.replies(summary?.ts ?? '');
    expect(details).toHaveLength(STORM_DETAILS_CAP);
    // Only Failed alerts made the cut, none of the Warning ones.
    expect(details.every((m) => m.text.includes('Failed Job'))).toBe(true);
  });

  it('puts the mention on the summary once and none in its thread; the title counts what it summarises', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    failMany(3, 'Warning');
    failMany(12);

    await h.poll();

    const [summary] = summaries();
    const mentioned = (text: string) => text.split('<!subteam^S1>').length - 1;
    expect(textOf(blockById(summary, 'mention'))).toBe('<!subteam^S1>');
    expect(mentioned(blockTexts(summary).join('\n'))).toBe(1);
    expect(mentioned(summary?.text ?? '')).toBe(1);
    expect(textOf(blockById(summary, 'header'))).toBe(
      ':rotating_light: 15 alerts in 1 minute: 12 Failed, 3 Warning',
    );
    const details = h.replies(summary?.ts ?? '');
    expect(details).toHaveLength(15);
    for (const detail of details) {
      expect(mentioned(detail.text)).toBe(0);
      expect(blocksOf(detail).some((b) => b.block_id === 'mention')).toBe(false);
    }
  });

  it('accounts for 1,000 failures in one poll while Slack answers 429 now and then, without duplicates', async () => {
    let posts = 0;
    h = await startHarness({
      wrapChat: (chat, fake) => ({
        ...chat,
        post: (message) => {
          posts += 1;
          // Every third post meets a rate limit first (Retry-After: 0 keeps the test fast; the wait is real).
          if (posts % 3 === 1)
            fake.fail({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 0, count: 1 });
          return chat.post(message);
        },
      }),
    });
    h.advance(MINUTE);
    const uids = failMany(1000);

    const report = await h.poll();
    await h.poll();

    expect(report).toMatchObject({ ok: true, posted: 1000 });
    const records = Object.values(h.watcher.state().alerts);
    expect(records).toHaveLength(1000);
    expect(records.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(records.map((r) => r.uid))).toEqual(new Set(uids));
    expect(summaries()).toHaveLength(1);
    expect(h.topLevel()).toHaveLength(1);
    const ratelimited = h.fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    expect(ratelimited).toBeGreaterThan(h.fake.messages.length);
  });
});
