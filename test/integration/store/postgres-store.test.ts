import { ErrorCode } from '../../../src/shared/errors.js';
import { migrate } from '../../../src/store/postgres/migrations.js';
import type { Db } from '../../../src/store/postgres/pg.js';
import { createPostgresStateStore } from '../../../src/store/postgres/postgres-state-store.js';
import type { IncidentRecord } from '../../../src/watcher/state.js';
import { createTestDatabase, openTestDb } from '../../helpers/postgres.js';
import { buildRecord, describeStoreContract } from './contract.js';

function incident(jobKey: string, ts: string): IncidentRecord {
  return {
    jobKey,
    jobName: jobKey,
    sessionKind: 'BackupJobSession',
    channel: 'C1',
    ts,
    rootUid: `uid-${jobKey}`,
    failures: 1,
    retries: 0,
    lastResult: 'Failed',
    lastUid: `uid-${jobKey}`,
    lastEndedAt: 1,
  };
}

describeStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const dbs: Db[] = [];
  const first = openTestDb(database.url);
  dbs.push(first);
  await migrate(first);
  return {
    open: () => {
      const db = openTestDb(database.url);
      dbs.push(db);
      return createPostgresStateStore(db);
    },
    cleanup: async () => {
      for (const db of dbs) await db.end();
      await database.drop();
    },
  };
});

describe('PostgreSQL store between replicas', () => {
  let database: { url: string; drop(): Promise<void> };
  let dbs: Db[];
  const open = (fencing?: () => bigint | undefined) => {
    const db = openTestDb(database.url);
    dbs.push(db);
    return createPostgresStateStore(db, fencing ? { fencing } : {});
  };
  beforeEach(async () => {
    database = await createTestDatabase();
    dbs = [];
    const db = openTestDb(database.url);
    dbs.push(db);
    await migrate(db);
  });
  afterEach(async () => {
    for (const db of dbs) await db.end();
    await database.drop();
  });

  it('writes only what a replica changed: a follower’s subscription and the leader’s poll both stay', async () => {
    const leader = open();
    const follower = open();
    const leaderState = await leader.load();
    const followerState = await follower.load();
    followerState.subscriptions.push({ id: 7, channel: 'C-NEW' });
    await follower.save(followerState);
    leaderState.lastPollAt = 42;
    leaderState.alerts[buildRecord().key] = buildRecord();
    await leader.save(leaderState);

    const loaded = await open().load();
    expect(loaded.subscriptions.map((s) => s.channel)).toEqual(['C-NEW']);
    expect(loaded.lastPollAt).toBe(42);
    expect(Object.keys(loaded.alerts)).toEqual([buildRecord().key]);
  });

  it('merges a field both replicas changed: a follower’s claim and the leader’s new incident and mute all stay', async () => {
    const leader = open();
    const follower = open();
    const seed = await leader.load();
    seed.incidents['job-a'] = incident('job-a', '1.1');
    seed.mutes.push({ job: 'Old', until: 1, by: 'U0', channel: 'C1' });
    await leader.save(seed);
    const followerState = await follower.load();
    const held = seed.incidents['job-a'];

    followerState.incidents['job-a']!.claim = { by: 'U9', name: 'Ana', at: 5 };
    followerState.mutes.push({ job: 'Snoozed', until: 99, by: 'U9', channel: 'C1' });
    await follower.save(followerState);
    seed.incidents['job-b'] = incident('job-b', '2.2');
    seed.incidents['job-a']!.failures = 2;
    seed.mutes = seed.mutes.filter((m) => m.job !== 'Old');
    await leader.save(seed);

    const loaded = await open().load();
    expect(loaded.incidents['job-a']).toMatchObject({ failures: 2, claim: { by: 'U9' } });
    expect(Object.keys(loaded.incidents).sort()).toEqual(['job-a', 'job-b']);
    expect(loaded.mutes.map((m) => m.job)).toEqual(['Snoozed']);
    // The leader's memory took the claim in place: the record it holds is still the state's, and its next save keeps it.
    expect(seed.incidents['job-a']).toBe(held);
    expect(held?.claim?.by).toBe('U9');
    seed.lastPollAt = 7;
    seed.incidents['job-b']!.failures = 3;
    await leader.save(seed);
    expect((await open().load()).incidents['job-a']?.claim?.by).toBe('U9');
  });

  it('records one digest per channel and day by a constraint: a second writer’s record of it is refused', async () => {
    const a = open();
    const b = open();
    const stateA = await a.load();
    const stateB = await b.load();
    const key = 'C1|2026-12-06';
    stateA.digests = { [key]: { channel: 'C1', date: '2026-12-06', status: 'pending', decidedAt: 1 } };
    await a.save(stateA);
    stateB.digests = { [key]: { channel: 'C1', date: '2026-12-06', status: 'pending', decidedAt: 2 } };

    await expect(b.save(stateB)).rejects.toMatchObject({ code: ErrorCode.StateFile });
    stateA.digests[key] = { ...stateA.digests[key]!, status: 'sent', ts: '1.1' };
    await a.save(stateA);
    const reopened = open();
    const stateC = await reopened.load();
    stateC.digests![key]!.late = true;
    await reopened.save(stateC);
    expect((await open().load()).digests?.[key]).toMatchObject({ status: 'sent', ts: '1.1', late: true });
  });

  it('keeps claims for 40 days: older rows go when a new claim is taken', async () => {
    const store = open();
    const db = dbs[dbs.length - 1]!;
    await store.load();
    await db.query(
      "INSERT INTO claims (kind, key, claimed_at) VALUES ('action-token', 'old', now() - interval '41 days'), ('action-token', 'recent', now() - interval '39 days')",
    );
    expect(await store.claimOnce('action-token', 'new')).toBe(true);
    const { rows } = await db.query<{ key: string }>('SELECT key FROM claims ORDER BY key');
    expect(rows.map((r) => r.key)).toEqual(['new', 'recent']);
    expect(await store.claimOnce('action-token', 'recent')).toBe(false);
  });

  it('refuses a second record of the same session, result and channel from another writer', async () => {
    const a = open();
    const b = open();
    const stateA = await a.load();
    const stateB = await b.load();
    stateA.alerts[buildRecord().key] = buildRecord();
    await a.save(stateA);
    stateB.alerts[buildRecord().key] = buildRecord({ decidedAt: 99 });

    await expect(b.save(stateB)).rejects.toMatchObject({ code: ErrorCode.StateFile });
  });

  it('a save with a fencing token the lease does not hold writes nothing and throws lease_lost', async () => {
    const stale = open(() => 5n);
    const state = await stale.load();
    state.lastPollAt = 1;
    state.alerts[buildRecord().key] = buildRecord();

    await expect(stale.save(state)).rejects.toMatchObject({ code: ErrorCode.LeaseLost });
    const loaded = await open().load();
    expect(loaded.lastPollAt).toBeNull();
    expect(loaded.alerts).toEqual({});
  });

  it('refuses a database whose state does not match the schema, leaving it as it is', async () => {
    const db = openTestDb(database.url);
    dbs.push(db);
    await db.query(`INSERT INTO state_fields (key, value) VALUES ('mutes', '"nope"')`);

    await expect(open().load()).rejects.toMatchObject({ code: ErrorCode.StateFile });
    const { rows } = await db.query<{ value: unknown }>(`SELECT value FROM state_fields WHERE key = 'mutes'`);
    expect(rows[0]?.value).toBe('nope');
  });
});
