import { blockById, blocksOf, blockTexts, textOf } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

describe('what the watcher alerts', () => {
  it('alerts stopped Warning and Failed backup, replica and CDP sessions, not Success or running ones', async () => {
    h = await startHarness();
    const failed = h.stopped({ type: 'BackupJobSession', jobName: 'Nightly Backup', result: 'Failed' });
    const warning = h.stopped({
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      result: 'Warning',
    });
    const cdp = h.stopped({ type: 'CdpReplicaSession', jobName: 'CDP Gold', result: 'Failed' });
    h.stopped({ type: 'BackupJobSession', jobName: 'Quiet Backup', result: 'Success' });
    h.sim.createSession({ type: 'BackupJobSession', jobName: 'Running Backup', state: 'Working' });

    const report = await h.poll();

    expect(report.ok).toBe(true);
    expect(
      h
        .topLevel()
        .map((m) => m.metadata?.event_payload['key'])
        .sort(),
    ).toEqual([failed.uid, warning.uid, cdp.uid].sort());
  });

  it('alerts a finished CDP task session while its policy session keeps running', async () => {
    h = await startHarness();
    h.sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Gold',
      state: 'Working',
      tasks: [
        { vmName: 'apache02', state: 'Completed', result: 'Failed', reason: 'RPO violated' },
        { vmName: 'sql-prod.01', state: 'Completed', result: 'Success' },
      ],
    });

    await h.poll();

    const [alert] = h.topLevel();
    expect(h.topLevel()).toHaveLength(1);
    expect(alert?.metadata?.event_payload['key']).toMatch(/^urn:veeam:CdpReplicaTaskSession:/);
    expect(alert?.text).toContain('<!subteam^S1>');
  });

  it('on the first start alerts nothing that ended before it, though it is inside the look-back', async () => {
    h = await startHarness({ noStart: true });
    h.stopped({ result: 'Failed' }, 10 * MINUTE);
    await h.watcher.start();

    expect((await h.poll()).posted).toBe(0);
    expect(await h.poll()).toMatchObject({ ok: true, posted: 0 });
    expect(h.fake.messages).toHaveLength(0);
  });

  it('alerts what ended before the first start when ALERT_BACKFILL covers it', async () => {
    h = await startHarness({ noStart: true, config: { backfillMs: 30 * MINUTE } });
    const recent = h.stopped({ result: 'Failed', jobName: 'Recent' }, 10 * MINUTE);
    h.stopped({ result: 'Failed', jobName: 'Too Old' }, 45 * MINUTE);
    await h.watcher.start();

    await h.poll();

    expect(h.topLevel().map((m) => m.metadata?.event_payload['key'])).toEqual([recent.uid]);
  });

  it('alerts a session that shows up in EM late, inside the look-back, exactly once', async () => {
    h = await startHarness();
    await h.poll(MINUTE);
    await h.poll(MINUTE);
    // Ended 90 s ago, before the last poll ran, but EM only has it now.
    const late = h.stopped({ result: 'Warning', jobName: 'Late Copy' }, 90_000);

    await h.poll(MINUTE);
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(h.withKey(late.uid)).toHaveLength(1);
  });

  it('puts the failed and warning VMs with their reasons in the alert, fetched through the Down link', async () => {
    h = await startHarness();
    h.stopped({
      result: 'Failed',
      tasks: [
        { vmName: 'apache02', result: 'Failed', reason: 'Error: Disk full' },
        { vmName: 'web-frontend 01', result: 'Warning', reason: 'CBT reset' },
        { vmName: 'sql-prod.01', result: 'Success' },
      ],
    });

    await h.poll();

    const alert = h.topLevel()[0];
    const tasks = textOf(blockById(alert, 'tasks'));
    expect(tasks).toContain('*apache02* — Error: Disk full');
    expect(tasks).toContain('*web-frontend 01* — CBT reset');
    expect(tasks).not.toContain('sql-prod.01');
    expect(textOf(blockById(alert, 'tasks_others'))).toContain('1 succeeded');
    expect(h.sim.stats().requests.byRoute['GET /api/backupSessions/{id}/taskSessions']).toBe(1);
  });

  it('mentions ALERT_MENTION on Failed only', async () => {
    h = await startHarness();
    const failed = h.stopped({ result: 'Failed', jobName: 'A' });
    const warning = h.stopped({ result: 'Warning', jobName: 'B' });

    await h.poll();

    expect(textOf(blockById(h.withKey(failed.uid)[0], 'mention'))).toContain('<!subteam^S1>');
    const quiet = h.withKey(warning.uid)[0];
    expect(quiet).toBeDefined();
    expect(blocksOf(quiet).some((b) => b.block_id === 'mention')).toBe(false);
    expect([...blockTexts(quiet), quiet?.text].join('\n')).not.toContain('<!subteam');
  });

  it('mentions ALERT_MENTION_WARNING on Warning sessions and CDP tasks when set', async () => {
    h = await startHarness({ config: { mentionWarning: '<!here>' } });
    const warning = h.stopped({ result: 'Warning', jobName: 'B' });
    h.sim.createSession({
      type: 'CdpReplicaSession',
      jobName: 'CDP Gold',
      state: 'Working',
      tasks: [{ vmName: 'apache02', state: 'Completed', result: 'Warning', reason: 'Lag' }],
    });

    await h.poll();

    expect(h.withKey(warning.uid)[0]?.text).toContain('<!here>');
    const task = h
      .topLevel()
      .find((m) => /CdpReplicaTaskSession/.test(String(m.metadata?.event_payload['key'])));
    expect(task?.text).toContain('<!here>');
    expect(JSON.stringify(h.fake.messages)).not.toContain('<!subteam');
  });

  it('sends everything to ALERT_CHANNEL when there are no subscriptions', async () => {
    h = await startHarness();
    h.stopped({ result: 'Failed' });
    await h.poll();
    expect(h.fake.messages.map((m) => m.channel)).toEqual([ALERTS]);
  });
});
