import { MAX_PER_KIND } from '../../../src/watcher/fetch-subjects.js';
import { ALERTS, callsOf, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

const withBlock = (blockId: string) =>
  h.fake.messages.filter((m) =>
    (m.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === blockId),
  );

describe('Enterprise Manager outages', () => {
  it('keeps its place, posts one notice after OUTAGE_NOTICE_AFTER and one recovery, then alerts what it missed', async () => {
    h = await startHarness();
    await h.poll(MINUTE);
    const cursor = h.watcher.state().lastPollAt;
    h.sim.setFaults({ status: 503 });

    const first = await h.poll(MINUTE);
    const since = h.watcher.state().outage.since;
    expect(first.ok).toBe(false);
    expect(since).toBe(h.clock.now());
    const missed = h.stopped({ result: 'Failed', jobName: 'Missed Backup' });
    for (let i = 0; i < 2; i += 1) await h.poll(7 * MINUTE);
    expect(withBlock('outage')).toHaveLength(0);

    await h.poll(MINUTE);
    await h.poll(5 * MINUTE);
    await h.poll(60 * MINUTE);

    expect(withBlock('outage')).toHaveLength(1);
    expect(h.watcher.state().outage.since).toBe(since);
    expect(h.watcher.state().lastPollAt).toBe(cursor);
    expect(h.withKey(missed.uid)).toHaveLength(0);

    h.sim.clearFaults();
    const back = await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(back.ok).toBe(true);
    expect(withBlock('outage_recovered')).toHaveLength(1);
    expect(withBlock('outage')).toHaveLength(1);
    // It ended more than the look-back before EM came back, and is alerted all the same.
    expect(h.withKey(missed.uid)).toHaveLength(1);
    expect(h.watcher.state().outage).toEqual({ since: null, lastError: null, noticePosted: false });
  });

  it('catches up on more problems than one poll reads, even when they ended before the look-back', async () => {
    h = await startHarness();
    await h.poll(MINUTE);
    h.sim.setFaults({ status: 503 });
    await h.poll(MINUTE);
    const uids: string[] = [];
    for (let i = 0; i <= MAX_PER_KIND; i += 1) {
      uids.push(h.stopped({ jobName: `Job ${i % 40}`, result: 'Warning' }, -i * 100).uid);
    }
    h.advance(2 * 60 * MINUTE);
    h.sim.clearFaults();

    await h.poll(MINUTE);
    await h.poll(MINUTE);

    const alerted = Object.values(h.watcher.state().alerts).filter((r) => r.status === 'sent');
    expect(new Set(alerted.map((r) => r.uid))).toEqual(new Set(uids));
  });

  it('posts nothing for an outage shorter than OUTAGE_NOTICE_AFTER', async () => {
    h = await startHarness();
    h.sim.setFaults({ reset: true });
    expect((await h.poll(MINUTE)).ok).toBe(false);
    await h.poll(5 * MINUTE);
    h.sim.clearFaults();
    expect((await h.poll(MINUTE)).ok).toBe(true);
    expect(h.fake.messages).toHaveLength(0);
  });

  it('rides out a short 503 burst inside one poll without an outage', async () => {
    h = await startHarness();
    const failed = h.stopped({ result: 'Failed' });
    h.sim.setFaults({ status: 503, count: 3 });
    expect((await h.poll()).ok).toBe(true);
    expect(h.watcher.state().outage.since).toBeNull();
    expect(h.withKey(failed.uid)).toHaveLength(1);
  });

  it('logs on again transparently when the token expires in the middle of a poll', async () => {
    h = await startHarness({
      wrapChat: (chat, _fake) => ({
        ...chat,
        post: (message) => {
          h.sim.setFaults({ expireTokens: true });
          return chat.post(message);
        },
      }),
    });
    h.stopped({ result: 'Failed', jobName: 'A' });
    h.stopped({ result: 'Failed', jobName: 'B' });

    const report = await h.poll();

    expect(report).toMatchObject({ ok: true, posted: 2 });
    expect(h.client.logonCount()).toBeGreaterThan(1);
    expect(h.watcher.state().outage.since).toBeNull();
  });
});

describe('Slack trouble', () => {
  it.each([
    ['a 500 that outlasts the retries', { kind: 'http500' as const, count: 3 }],
    ['an error answer', { kind: 'error' as const, error: 'fatal_error', count: 1 }],
    [
      'rate limits that outlast the retries',
      { kind: 'ratelimited' as const, retryAfterSeconds: 0, count: 3 },
    ],
  ])('%s leaves the alert pending; the next poll posts it once', async (_name, fault) => {
    h = await startHarness();
    const failed = h.stopped({ result: 'Failed' });
    h.fake.fail({ method: 'chat.postMessage', ...fault });

    // The poll itself goes on (other channels, recoveries); this alert waits on disk.
    expect(await h.poll()).toMatchObject({ ok: true, posted: 0 });
    expect(h.watcher.state().alerts[`${failed.uid}|${ALERTS}`]?.status).toBe('pending');
    expect(h.watcher.state().outage.since).toBeNull();

    await h.poll();
    await h.poll();

    expect(h.withKey(failed.uid)).toHaveLength(1);
    expect(h.watcher.state().alerts[`${failed.uid}|${ALERTS}`]?.status).toBe('sent');
  });

  it('re-posts an alert as plain text when Slack refuses its blocks', async () => {
    h = await startHarness();
    const failed = h.stopped({
      result: 'Failed',
      tasks: [{ vmName: 'apache02', result: 'Failed', reason: 'Disk full' }],
    });
    h.fake.fail({ method: 'chat.postMessage', kind: 'error', error: 'invalid_blocks', count: 1 });

    expect((await h.poll()).ok).toBe(true);

    const [alert] = h.withKey(failed.uid);
    expect(h.withKey(failed.uid)).toHaveLength(1);
    expect(alert?.blocks).toBeUndefined();
    expect(alert?.text).toContain('apache02');
    expect(callsOf(h.fake, 'chat.postMessage')).toHaveLength(2);
    expect(h.watcher.state().alerts[`${failed.uid}|${ALERTS}`]?.status).toBe('sent');
  });
});
