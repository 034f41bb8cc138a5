import { blockWithText } from '../../helpers/slack-blocks.js';
import { MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Plain collection reads (`GET /api/backupSessions`): unfiltered, unsorted, unpaged; the watcher must never use them. */
const PLAIN_COLLECTION =
  /^GET \/api\/(backupSessions|replicaSessions|cdpReplicaSessions|cloud\/failoverSessions|backupTaskSessions|replicaTaskSessions|cdpReplicaTaskSessions|jobs)$/;

/** Requests the watcher made during `polls` quiet polls after a first one. */
async function requestsPerQuietPoll(history: number, polls = 3): Promise<number> {
  h = await startHarness({ history });
  // Two polls first: from the third on, each poll has a window part the previous poll read in full.
  await h.poll(MINUTE);
  await h.poll(MINUTE);
  h.sim.resetStats();
  for (let i = 0; i < polls; i += 1) await h.poll(MINUTE);
  const total = h.sim.stats().requests.total;
  await h.stop();
  h = undefined;
  return total / polls;
}

describe('polling cost', () => {
  it('reads only filtered, sorted, paged queries and entity links, never a plain collection', async () => {
    h = await startHarness({ history: 500 });
    h.stopped({
      result: 'Failed',
      jobName: 'Nightly Backup',
      tasks: [{ vmName: 'apache02', result: 'Failed' }],
    });
    h.stopped({ type: 'ReplicaJobSession', jobName: 'Fileserver02 Replication', result: 'Warning' });
    h.sim.createSession({
      type: 'CloudFailoverSession',
      jobName: 'DR Plan',
      state: 'Working',
      tasks: [{ vmName: 'apache02', state: 'Working' }],
    });

    await h.poll(MINUTE);
    h.stopped({ result: 'Success', jobName: 'Nightly Backup' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    const routes = Object.keys(h.sim.stats().requests.byRoute);
    expect(routes.filter((route) => PLAIN_COLLECTION.test(route))).toEqual([]);
    expect(routes).toContain('GET /api/query');
    // Every query the watcher makes names a type, so byType accounts for all of them.
    const stats = h.sim.stats().requests;
    const typed = Object.values(stats.byType).reduce((a, b) => a + b, 0);
    expect(typed).toBe(stats.byRoute['GET /api/query']);
  });

  it('costs the same per poll with no history and with 5000 sessions of history', async () => {
    const small = await requestsPerQuietPoll(0);
    const large = await requestsPerQuietPoll(5000);

    expect(large).toBe(small);
    // Per watched kind one problem query and one count of the older part of the window, plus one for running
    // failovers.
    expect(small).toBe(11);
  });

  it("reads the task lists of one poll's alerts in one query per type, not one Down link each", async () => {
    h = await startHarness({ config: { stormThreshold: 10 } });
    const types = ['BackupJobSession', 'ReplicaJobSession'] as const;
    for (const [t, type] of types.entries())
      for (let i = 1; i <= 4; i += 1)
        h.stopped({
          type,
          result: 'Failed',
          jobName: `Job ${t}-${i}`,
          tasks: [
            { vmName: `vm-${t}-${i}-a`, result: 'Failed', reason: `Disk ${t}-${i} full` },
            { vmName: `vm-${t}-${i}-b`, result: 'Success' },
          ],
        });

    await h.poll(MINUTE);

    const stats = h.sim.stats().requests;
    expect(Object.keys(stats.byRoute).filter((route) => /TaskSessions$/i.test(route))).toEqual([]);
    expect(stats.byType['BackupTaskSession']).toBe(1);
    expect(stats.byType['ReplicaTaskSession']).toBe(1);
    const alerts = h.topLevel();
    expect(alerts).toHaveLength(8);
    for (const [t] of types.entries())
      for (let i = 1; i <= 4; i += 1) {
        const alert = alerts.find((m) => m.text?.includes(`Job ${t}-${i}`));
        expect(blockWithText(alert, `vm-${t}-${i}-a`)).toBeDefined();
        expect(blockWithText(alert, `Disk ${t}-${i} full`)).toBeDefined();
        expect(blockWithText(alert, '1 succeeded')).toBeDefined();
      }
  });
});
