import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { subjectOfSession, type AlertSubject } from '../../../src/watcher/alert-subject.js';
import { alertKey, decide } from '../../../src/watcher/decide.js';
import type { WatcherState } from '../../../src/watcher/state.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

/** A stopped Failed session as the watcher sees it. */
async function failedSubject(jobName = 'Nightly Backup'): Promise<AlertSubject> {
  const { href } = h.stopped({ jobName, result: 'Failed' });
  const document = await h.client.get(href);
  if (document.kind !== 'session') throw new Error('expected a session');
  return subjectOfSession(document.session);
}

/** Leaves `subjects` pending in the state as a crash right after the decision would, then restarts. */
async function crashWithPending(
  subjects: AlertSubject[],
  edit?: (state: WatcherState) => void,
): Promise<void> {
  const state = h.watcher.state();
  decide(state, subjects, { alertChannel: ALERTS, retryGraceMs: 0, now: h.clock.now() });
  edit?.(state);
  await h.watcher.persist();
  await h.restart();
}

const recordOf = (uid: string) => h.watcher.state().alerts[alertKey(uid, ALERTS)];

describe('exactly once through crashes', () => {
  it('has the record pending on disk while it is posted, and sent with its ts after', async () => {
    const seen: unknown[] = [];
    h = await startHarness({
      file: true,
      wrapChat: (chat) => ({
        ...chat,
        post: (message) => {
          const onDisk = JSON.parse(readFileSync(h.dataFile ?? '', 'utf8')) as WatcherState;
          seen.push(onDisk.alerts[alertKey(message.metadata?.key ?? '', message.channel)]?.status);
          return chat.post(message);
        },
      }),
    });
    const failed = h.stopped({ result: 'Failed' });

    await h.poll();

    expect(seen).toEqual(['pending']);
    const onDisk = JSON.parse(await readFile(h.dataFile ?? '', 'utf8')) as WatcherState;
    expect(onDisk.alerts[alertKey(failed.uid, ALERTS)]).toMatchObject({
      status: 'sent',
      ts: h.withKey(failed.uid)[0]?.ts,
    });
  });

  it('settles a pending record whose message is in the channel as sent, without posting again', async () => {
    h = await startHarness();
    const subject = await failedSubject();
    const { ts } = await h.chat.post({
      channel: ALERTS,
      text: 'posted before the crash',
      metadata: { eventType: 'veeam_alert', key: subject.uid },
    });
    await crashWithPending([subject]);

    await h.poll();
    await h.poll();

    expect(recordOf(subject.uid)).toMatchObject({ status: 'sent', ts });
    expect(h.withKey(subject.uid)).toHaveLength(1);
  });

  it('posts a pending record whose message never reached the channel, once', async () => {
    h = await startHarness();
    const subject = await failedSubject();
    await crashWithPending([subject]);

    await h.poll();
    await h.poll();

    expect(h.withKey(subject.uid)).toHaveLength(1);
    expect(recordOf(subject.uid)).toMatchObject({ status: 'sent', ts: h.withKey(subject.uid)[0]?.ts });
  });

  it('drops a pending record whose session EM no longer has', async () => {
    h = await startHarness();
    const subject = await failedSubject();
    await crashWithPending([subject], (state) => {
      const record = state.alerts[alertKey(subject.uid, ALERTS)];
      if (record)
        record.href = `${h.sim.url}backupSessions/00000000-0000-4000-8000-000000000000?format=Entity`;
    });

    expect((await h.poll()).ok).toBe(true);

    expect(recordOf(subject.uid)?.status).toBe('dropped');
    expect(h.fake.messages).toHaveLength(0);
  });

  it('settles a pending reply from its incident thread', async () => {
    h = await startHarness();
    h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll();
    const root = h.topLevel()[0]?.ts ?? '';
    const retry = await failedSubject();
    await h.chat.post({
      channel: ALERTS,
      threadTs: root,
      text: 'reply posted before the crash',
      metadata: { eventType: 'veeam_alert', key: retry.uid },
    });
    await crashWithPending([retry], (state) => {
      const record = state.alerts[alertKey(retry.uid, ALERTS)];
      if (record) record.threadTs = root;
    });

    await h.poll();

    expect(h.withKey(retry.uid)).toHaveLength(1);
    expect(recordOf(retry.uid)?.status).toBe('sent');
  });

  it('settles a pending storm batch from its summary', async () => {
    h = await startHarness();
    const subjects = [await failedSubject('A'), await failedSubject('B'), await failedSubject('C')];
    await h.chat.post({
      channel: ALERTS,
      text: 'summary',
      metadata: { eventType: 'veeam_alert', key: 'batch:1:x' },
    });
    await crashWithPending(subjects, (state) => {
      for (const s of subjects) {
        const record = state.alerts[alertKey(s.uid, ALERTS)];
        if (record) record.batch = 'batch:1:x';
      }
    });

    await h.poll();

    expect(h.fake.messages).toHaveLength(1);
    expect(subjects.map((s) => recordOf(s.uid)?.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('does not post twice when Slack took the post but the answer was lost', async () => {
    let lose = true;
    h = await startHarness({
      wrapChat: (chat) => ({
        ...chat,
        post: async (message) => {
          const answer = await chat.post(message);
          if (lose && message.metadata) {
            lose = false;
            throw new Error('connection reset after the post');
          }
          return answer;
        },
      }),
    });
    const failed = h.stopped({ result: 'Failed' });

    expect((await h.poll()).posted).toBe(0);
    expect(recordOf(failed.uid)?.status).toBe('pending');
    await h.poll();

    expect(h.withKey(failed.uid)).toHaveLength(1);
    expect(recordOf(failed.uid)).toMatchObject({ status: 'sent', ts: h.withKey(failed.uid)[0]?.ts });
  });
});

describe('alerts Slack keeps refusing', () => {
  it('gives up on a pending alert after a day instead of keeping it for ever', async () => {
    h = await startHarness();
    const failed = h.stopped({ result: 'Failed' });
    // Not a final code (those fail the alert at once, see deliver.test.ts): Slack may accept it later.
    h.fake.fail({ method: 'chat.postMessage', kind: 'error', error: 'fatal_error', count: 1000 });
    await h.poll();
    for (let hour = 0; hour < 24; hour += 1) await h.poll(60 * MINUTE);

    // Dropped (and, being older than the look-back, pruned in the same poll).
    expect(recordOf(failed.uid)?.status ?? 'pruned').not.toBe('pending');
    const calls = h.fake.calls.length;
    await h.poll(60 * MINUTE);
    expect(h.fake.calls.length).toBe(calls);
  });
});
