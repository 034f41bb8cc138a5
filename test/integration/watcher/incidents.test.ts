import { blockById, textOf } from '../../helpers/slack-blocks.js';
import { callsOf, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

const hasBlock = (message: { blocks?: unknown[] } | undefined, blockId: string): boolean =>
  (message?.blocks ?? []).some((b) => (b as { block_id?: string }).block_id === blockId);
const updatesOf = (ts: string | undefined) =>
  callsOf(h.fake, 'chat.update').filter((c) => c.args['ts'] === ts);

describe('incidents', () => {
  it('threads a failed retry under the open alert and updates the alert, then closes it on success', async () => {
    h = await startHarness();
    h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    const root = h.topLevel()[0];

    const retry = h.stopped({ result: 'Failed', jobName: 'Nightly Backup', isRetry: true });
    await h.poll(MINUTE);

    expect(h.topLevel()).toHaveLength(1);
    expect(h.replies(root?.ts ?? '').map((m) => m.metadata?.event_payload['key'])).toEqual([retry.uid]);
    expect(updatesOf(root?.ts)).toHaveLength(1);
    expect(hasBlock(root, 'incident')).toBe(true);

    h.stopped({ result: 'Success', jobName: 'Nightly Backup', isRetry: true });
    const report = await h.poll(MINUTE);

    expect(report.recovered).toBe(1);
    expect(h.replies(root?.ts ?? '')).toHaveLength(2);
    expect(updatesOf(root?.ts)).toHaveLength(2);
    expect(textOf(blockById(root, 'incident'))).toMatch(/^:white_check_mark: recovered at /);
    // Closed: no more recovery replies, and a new failure starts a new alert.
    await h.poll(MINUTE);
    expect(h.replies(root?.ts ?? '')).toHaveLength(2);
    h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    expect(h.topLevel()).toHaveLength(2);
  });

  it('retries a recovery reply Slack refused on the next poll, and closes the incident only then', async () => {
    h = await startHarness();
    h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    const root = h.topLevel()[0];
    h.stopped({ result: 'Success', jobName: 'Nightly Backup', isRetry: true });
    h.fake.fail({ method: 'chat.postMessage', kind: 'error', error: 'fatal_error', count: 1 });

    expect((await h.poll(MINUTE)).recovered).toBe(0);
    expect(
      h.watcher.state().incidents[Object.keys(h.watcher.state().incidents)[0] ?? '']?.recoveredAt,
    ).toBeUndefined();

    expect((await h.poll(MINUTE)).recovered).toBe(1);
    expect(h.replies(root?.ts ?? '')).toHaveLength(1);
    expect(textOf(blockById(root, 'incident'))).toMatch(/^:white_check_mark: recovered at /);
  });

  it('does not close a CDP task incident on a success of the same VM under another policy', async () => {
    h = await startHarness();
    h.sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Gold',
      state: 'Working',
      tasks: [{ vmName: 'db01', result: 'Failed', state: 'Completed', reason: 'lag' }],
    });
    await h.poll(MINUTE);
    expect(h.topLevel()).toHaveLength(1);
    h.sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Silver',
      state: 'Working',
      tasks: [{ vmName: 'db01', result: 'Success', state: 'Completed' }],
    });
    expect((await h.poll(MINUTE)).recovered).toBe(0);
    h.sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Gold',
      state: 'Working',
      tasks: [{ vmName: 'db01', result: 'Success', state: 'Completed' }],
    });
    expect((await h.poll(MINUTE)).recovered).toBe(1);
  });

  it('threads a retry that fails in the same poll as the first failure', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    const first = h.stopped({ result: 'Failed', jobName: 'Nightly Backup' }, 40_000);
    const retry = h.stopped({ result: 'Failed', jobName: 'Nightly Backup', isRetry: true }, 10_000);

    await h.poll(MINUTE);

    expect(h.topLevel().map((m) => m.metadata?.event_payload['key'])).toEqual([first.uid]);
    expect(h.replies(h.topLevel()[0]?.ts ?? '').map((m) => m.metadata?.event_payload['key'])).toEqual([
      retry.uid,
    ]);
  });

  it('keeps incidents apart per job', async () => {
    h = await startHarness();
    h.stopped({ result: 'Failed', jobName: 'Job A' });
    await h.poll(MINUTE);
    h.stopped({ result: 'Failed', jobName: 'Job B', isRetry: true });
    await h.poll(MINUTE);
    expect(h.topLevel()).toHaveLength(2);
  });

  it('survives a restart: a retry after the restart still goes into the thread, and recovery closes it', async () => {
    h = await startHarness({ file: true });
    const first = h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    const root = h.topLevel()[0];

    await h.restart();
    await h.poll(MINUTE);
    h.stopped({ result: 'Failed', jobName: 'Nightly Backup', isRetry: true });
    await h.poll(MINUTE);
    await h.restart();
    h.stopped({ result: 'Success', jobName: 'Nightly Backup' });
    const report = await h.poll(MINUTE);

    expect(h.withKey(first.uid)).toHaveLength(1);
    expect(h.topLevel()).toHaveLength(1);
    expect(h.replies(root?.ts ?? '')).toHaveLength(2);
    expect(report.recovered).toBe(1);
  });
});

describe('ALERT_RETRY_GRACE', () => {
  const grace = { retryGraceMs: 10 * MINUTE };

  it('drops a Failed alert when a retry succeeds within the grace', async () => {
    h = await startHarness({ config: grace });
    const failed = h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    expect(h.fake.messages).toHaveLength(0);

    h.stopped({ result: 'Success', jobName: 'Nightly Backup', isRetry: true });
    await h.poll(3 * MINUTE);
    await h.poll(10 * MINUTE);

    expect(h.fake.messages).toHaveLength(0);
    expect(h.watcher.state().alerts[`${failed.uid}|CALERTS`]?.status).toBe('dropped');
  });

  it('posts a held Failed alert once when the grace ends without a successful retry', async () => {
    h = await startHarness({ config: grace });
    const failed = h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    await h.poll(5 * MINUTE);
    expect(h.fake.messages).toHaveLength(0);

    await h.poll(5 * MINUTE);
    await h.poll(MINUTE);

    expect(h.withKey(failed.uid)).toHaveLength(1);
  });

  it('drops a held alert whose session EM no longer has, and carries on', async () => {
    h = await startHarness({ config: grace });
    const failed = h.stopped({ result: 'Failed', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    const record = h.watcher.state().alerts[`${failed.uid}|CALERTS`];
    if (record) record.href = `${h.sim.url}backupSessions/00000000-0000-4000-8000-000000000000?format=Entity`;

    const report = await h.poll(11 * MINUTE);

    expect(report.ok).toBe(true);
    expect(record?.status).toBe('dropped');
    expect(h.fake.messages).toHaveLength(0);
  });

  it('does not hold Warning alerts', async () => {
    h = await startHarness({ config: grace });
    const warning = h.stopped({ result: 'Warning', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    expect(h.withKey(warning.uid)).toHaveLength(1);
  });
});
