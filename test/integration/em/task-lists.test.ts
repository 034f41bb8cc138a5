import type { EmClient } from '../../../src/em/client.js';
import { taskSessionsOf } from '../../../src/em/lookups.js';
import { newestSessions } from '../../../src/em/queries.js';
import { inCreationOrder, readTaskLists } from '../../../src/em/task-lists.js';
import { PARENTS_PER_QUERY } from '../../../src/em/uid-batches.js';
import type { Session, SessionKind } from '../../../src/em/types.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';

const DOWN_LINK_ROUTE = /TaskSessions$/i;

describe('task lists of many sessions in batched queries, against the simulator', () => {
  let sim: RunningSimulator;
  let client: EmClient;

  beforeAll(async () => {
    sim = await startManualSimulator({ history: 3000 });
    client = simClient(sim);
  });
  afterAll(async () => {
    await client.close();
    await sim.stop();
  });

  async function newest(kind: SessionKind, count: number): Promise<Session[]> {
    const sessions = await newestSessions(client, kind, count);
    expect(sessions).toHaveLength(count);
    return sessions;
  }

  it.each([
    ['BackupJobSession', 45],
    ['ReplicaJobSession', 21],
    ['CdpReplicaSession', 3],
  ] as const)(
    'reads the same task lists as the %s Down links, in one query per %i parents',
    async (kind, count) => {
      const sessions = await newest(kind, count);

      sim.resetStats();
      const { lists, errors } = await readTaskLists(client, sessions);
      const stats = sim.stats().requests;

      expect(errors).toEqual([]);
      expect(stats.byRoute['GET /api/query']).toBe(Math.ceil(count / PARENTS_PER_QUERY));
      expect(Object.keys(stats.byRoute).filter((route) => DOWN_LINK_ROUTE.test(route))).toEqual([]);
      let tasks = 0;
      for (const session of sessions) {
        const batched = lists.get(session.uid);
        const oneByOne = inCreationOrder(await taskSessionsOf(client, session));
        expect(batched).toEqual(oneByOne);
        tasks += oneByOne.length;
      }
      // The comparison above means something only if the sessions have tasks.
      expect(tasks).toBeGreaterThan(count);
    },
  );

  it('mixes types in one call, one query per type, and leaves a type with one session to its Down link', async () => {
    const backups = await newest('BackupJobSession', 4);
    const [replica] = await newest('ReplicaJobSession', 1);
    const failovers = await newest('CloudFailoverSession', 2);

    sim.resetStats();
    const { lists } = await readTaskLists(client, [...backups, replica as Session, ...failovers]);

    expect(sim.stats().requests.byType).toEqual({ BackupTaskSession: 1 });
    expect([...lists.keys()].sort()).toEqual(backups.map((s) => s.uid).sort());
  });

  it('names a parent once however often it is asked for', async () => {
    const backups = await newest('BackupJobSession', 3);

    const { lists } = await readTaskLists(client, [...backups, ...backups]);

    expect(lists.size).toBe(3);
    for (const session of backups)
      expect(lists.get(session.uid)).toEqual(inCreationOrder(await taskSessionsOf(client, session)));
  });
});
