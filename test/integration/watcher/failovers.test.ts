import type { KnownBlock } from '../../../src/views/format/block-kit.js';
import { createFailoverFollowing, failoverKey, followedKey } from '../../../src/watcher/failovers.js';
import { blockById, textOf } from '../../unit/views/block-queries.js';
import { ALERTS, callsOf, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

function startFailover() {
  return h.sim.createSession({
    type: 'CloudFailoverSession',
    jobName: 'DR Plan',
    state: 'Working',
    progress: 0,
    tasks: [
      { vmName: 'apache02', state: 'Working', progress: 10 },
      { vmName: 'sql-prod.01', state: 'Starting', progress: 0 },
    ],
  });
}

const updatesOf = (ts: string | undefined) =>
  callsOf(h.fake, 'chat.update').filter((c) => c.args['ts'] === ts);

/** The visible text of one block of a message as the fake Slack holds it (updates applied). */
function liveText(message: { blocks?: unknown } | undefined, blockId: string): string {
  return textOf(blockById({ text: '', blocks: (message?.blocks ?? []) as KnownBlock[] }, blockId));
}

describe('cloud failovers', () => {
  it('announces a failover when it starts and updates that message until it stops', async () => {
    h = await startHarness();
    const failover = startFailover();

    await h.poll(MINUTE);
    const [announcement] = h.withKey(failoverKey(failover.uid, ALERTS));
    expect(announcement).toBeDefined();
    await h.poll(MINUTE);
    expect(updatesOf(announcement?.ts)).toHaveLength(0);

    h.sim.updateSession(failover.id, {
      progress: 50,
      tasks: [{ vmName: 'apache02', state: 'Stopped', result: 'Success', progress: 100 }],
    });
    await h.poll(MINUTE);
    expect(updatesOf(announcement?.ts)).toHaveLength(1);

    h.sim.updateSession(failover.id, { state: 'Stopped', result: 'Success' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(updatesOf(announcement?.ts)).toHaveLength(2);
    expect(h.fake.messages).toHaveLength(1);
    expect(h.watcher.state().failovers[failoverKey(failover.uid, ALERTS)]?.finished).toBe(true);
  });

  it('shows a failed failover in its announcement and does not post it twice', async () => {
    h = await startHarness();
    const failover = startFailover();
    await h.poll(MINUTE);
    const [announcement] = h.withKey(failoverKey(failover.uid, ALERTS));

    h.sim.updateSession(failover.id, { state: 'Stopped', result: 'Failed' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(updatesOf(announcement?.ts)).toHaveLength(1);
    expect(liveText(announcement, 'failover')).toMatch(/Failed/);
    expect(liveText(announcement, 'following')).toMatch(/^Finished/);
    // The Failed result is also an alert of its own (with the mention), once.
    expect(h.withKey(failover.uid)).toHaveLength(1);
  });

  it('alerts a failover that started and failed between two polls', async () => {
    h = await startHarness();
    const failover = h.stopped({ type: 'CloudFailoverSession', jobName: 'DR Plan', result: 'Failed' });
    await h.poll(MINUTE);
    expect(h.withKey(failover.uid)).toHaveLength(1);
    expect(h.withKey(failoverKey(failover.uid, ALERTS))).toHaveLength(0);
  });

  it('goes on updating after a restart without announcing again', async () => {
    h = await startHarness({ file: true });
    const failover = startFailover();
    await h.poll(MINUTE);

    await h.restart();
    h.sim.updateSession(failover.id, { state: 'Stopped', result: 'Success' });
    await h.poll(MINUTE);

    const announcements = h.withKey(failoverKey(failover.uid, ALERTS));
    expect(announcements).toHaveLength(1);
    expect(updatesOf(announcements[0]?.ts)).toHaveLength(1);
  });

  it('closes an announcement whose session EM no longer has, without calling it an outage', async () => {
    h = await startHarness();
    const failover = startFailover();
    await h.poll(MINUTE);
    const record = h.watcher.state().failovers[failoverKey(failover.uid, ALERTS)];
    if (record)
      record.href = `${h.sim.url}cloud/failoverSessions/00000000-0000-4000-8000-000000000000?format=Entity`;

    const report = await h.poll(MINUTE);

    expect(report.ok).toBe(true);
    expect(h.watcher.state().outage.since).toBeNull();
    expect(record?.finished).toBe(true);
  });
});

describe('followed failovers (the Follow button)', () => {
  const CHANNEL = 'CFOLLOW';

  /** Posts a message in CHANNEL as the Follow button does, and hands it to the watcher's followed set. */
  async function follow(failover: { uid: string; href: string }) {
    const { ts } = await h.chat.post({ channel: CHANNEL, text: 'following' });
    await createFailoverFollowing(h.watcher, () => h.clock.now()).follow({
      ...failover,
      channel: CHANNEL,
      ts,
    });
    return ts;
  }
  const liveLine = (ts: string) => {
    const message = h.fake.messages.find((m) => m.channel === CHANNEL && m.ts === ts);
    return textOf(blockById({ text: '', blocks: (message?.blocks ?? []) as KnownBlock[] }, 'following'));
  };

  it('updates a followed message on each poll that shows a change, until the session stops', async () => {
    h = await startHarness({ config: { kinds: ['failover'] } });
    const failover = startFailover();
    const ts = await follow(failover);

    await h.poll(MINUTE);
    expect(updatesOf(ts)).toHaveLength(1);
    expect(liveLine(ts)).toContain('Updating live');

    h.sim.updateSession(failover.id, { state: 'Stopped', result: 'Success' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(updatesOf(ts)).toHaveLength(2);
    expect(liveLine(ts)).toContain('Finished');
    expect(h.watcher.state().failovers[followedKey(CHANNEL, ts)]?.finished).toBe(true);
  });

  it('goes on following after a restart of the watcher on the same state file', async () => {
    h = await startHarness({ file: true, config: { kinds: ['failover'] } });
    const failover = startFailover();
    const ts = await follow(failover);

    await h.restart();
    h.sim.updateSession(failover.id, { state: 'Stopped', result: 'Failed' });
    await h.poll(MINUTE);

    expect(updatesOf(ts)).toHaveLength(1);
    expect(liveLine(ts)).toContain('Finished');
  });

  it('stops following a message Slack no longer has', async () => {
    h = await startHarness({ config: { kinds: ['failover'] } });
    const failover = startFailover();
    const ts = await follow(failover);
    h.fake.fail({ method: 'chat.update', kind: 'error', error: 'message_not_found', count: 1 });

    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(updatesOf(ts)).toHaveLength(1);
    expect(h.watcher.state().failovers[followedKey(CHANNEL, ts)]?.finished).toBe(true);
  });
});
