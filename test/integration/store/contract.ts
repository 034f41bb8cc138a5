import type { StateStore } from '../../../src/store/state-store.js';
import { emptyState, type AlertRecord, type WatcherState } from '../../../src/watcher/state.js';

/** A store under test: `open()` gives a new instance on the same backing (a restart, or another replica). */
export interface StoreUnderTest {
  open(): StateStore;
  cleanup(): Promise<void>;
}

/** An alert record with overrides. */
export function buildRecord(overrides: Partial<AlertRecord> = {}): AlertRecord {
  const uid = overrides.uid ?? 'urn:veeam:BackupJobSession:1';
  const channel = overrides.channel ?? 'C-ALERTS';
  return {
    key: `${uid}|${channel}`,
    uid,
    href: `https://em.example/api/backupSessions/${uid}`,
    channel,
    status: 'pending',
    endedAt: 1_700_000_000_000,
    jobKey: 'backup:job-1',
    job: { sessionKind: 'BackupJobSession', ownerUid: 'urn:veeam:Job:1', jobName: 'Nightly' },
    result: 'Failed',
    decidedAt: 1_700_000_001_000,
    ...overrides,
  };
}

/** A state with something in every field. */
export function buildFullState(): WatcherState {
  const state = emptyState();
  state.firstStartedAt = 1_700_000_000_000;
  state.lastPollAt = 1_700_000_060_000;
  state.alerts = { [buildRecord().key]: buildRecord() };
  state.subscriptions = [{ id: 1, channel: 'C-OPS', job: 'nightly*', level: 'failed', by: 'U1', at: 5 }];
  state.mutes = [{ job: 'Nightly', until: 1_800_000_000_000, by: 'U1', channel: 'C-OPS' }];
  state.brokenChannels = { 'C-GONE': { since: 3, slackCode: 'channel_not_found' } };
  state.emSkewMs = 1500;
  state.protection = buildProtectionMemory();
  state.failovers = {
    'failover:urn:veeam:CloudFailoverSession:1|C-ALERTS': {
      uid: 'urn:veeam:CloudFailoverSession:1',
      href: 'https://em.example/api/cloudFailoverSessions/1',
      channel: 'C-ALERTS',
      ts: '1.7',
      finished: false,
      announcedAt: 1_700_000_000_000,
      name: 'Plan A',
      claim: { by: 'U2', name: 'alice', at: 1_700_000_030_000 },
    },
  };
  state.storms = {
    'batch:1700000000000:urn:veeam:BackupJobSession:9|C-ALERTS': {
      channel: 'C-ALERTS',
      ts: '1.8',
      at: 1_700_000_000_000,
      shown: { text: '6 alerts', blocks: [{ type: 'section', block_id: 'storm' }] },
      claim: { by: 'U3', name: 'bob', at: 1_700_000_040_000 },
    },
  };
  return state;
}

/** The protection loop's memory with a storm: the summary's record, an alert summarised in it, its episode. */
function buildProtectionMemory(): NonNullable<WatcherState['protection']> {
  const storm = 'protection-storm:1700000000000';
  return {
    lastCheckAt: 1_700_000_000_000,
    baselineAt: 1_699_000_000_000,
    jobs: { 'urn:veeam:Job:1': { name: 'Nightly', jobType: 'Backup', enabled: true, runs: [1, 2] } },
    vms: {},
    repos: { 'urn:veeam:Repository:1': { name: 'Repo 1', level: 'warning', freePercent: 12.5 } },
    episodes: {
      'missed:urn:veeam:Job:1': {
        key: 'missed:urn:veeam:Job:1',
        kind: 'missed',
        name: 'Nightly',
        jobUid: 'urn:veeam:Job:1',
        startedAt: 1_699_999_000_000,
        announced: 'alert',
        messages: { 'C-ALERTS': '1.5' },
        inStorm: ['C-ALERTS'],
      },
      'rpo:urn:veeam:Job:1:vm1': {
        key: 'rpo:urn:veeam:Job:1:vm1',
        kind: 'rpo',
        name: 'Nightly',
        vm: 'vm1',
        jobUid: 'urn:veeam:Job:1',
        startedAt: 1_699_999_000_000,
        announced: 'alert',
        messages: { 'C-ALERTS': '1.6' },
        claim: { by: 'U2', name: 'alice', at: 1_700_000_020_000 },
        shown: { text: 'RPO breached', blocks: [{ type: 'section', block_id: 'protection_rpo' }] },
        group: ['rpo:urn:veeam:Job:1:vm2'],
      },
    },
    posts: {
      [`${storm}|C-ALERTS`]: {
        key: storm,
        channel: 'C-ALERTS',
        status: 'sent',
        decidedAt: 1_700_000_000_000,
        episodes: ['missed:urn:veeam:Job:1'],
        ts: '1.5',
      },
      'missed:urn:veeam:Job:1:1|C-ALERTS': {
        key: 'missed:urn:veeam:Job:1:1',
        channel: 'C-ALERTS',
        status: 'sent',
        decidedAt: 1_700_000_000_000,
        episodes: ['missed:urn:veeam:Job:1'],
        batch: storm,
        ts: '1.5',
      },
    },
  };
}

/**
 * The one contract every StateStore passes (memory, lowdb, PostgreSQL): what is saved is what the next
 * instance loads, removals stick, and claimOnce answers true once per key.
 */
export function describeStoreContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`${name} store contract`, () => {
    let subject: StoreUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(() => subject.cleanup());

    it('loads a fresh state when nothing was saved', async () => {
      expect(await subject.open().load()).toEqual(emptyState());
    });

    it('loads in a new instance what the last one saved, field by field', async () => {
      const store = subject.open();
      await store.load();
      await store.save(buildFullState());

      expect(await subject.open().load()).toEqual(buildFullState());
    });

    it('keeps record changes, removals and an unset optional field', async () => {
      const store = subject.open();
      const state = await store.load();
      Object.assign(state, buildFullState());
      await store.save(state);
      const second = buildRecord({ uid: 'urn:veeam:BackupJobSession:2', status: 'sent', ts: '1.2' });
      state.alerts[second.key] = second;
      state.alerts[buildRecord().key]!.status = 'sent';
      await store.save(state);
      delete state.alerts[second.key];
      delete state.emSkewMs;
      state.mutes = [];
      await store.save(state);

      const loaded = await subject.open().load();
      expect(Object.keys(loaded.alerts)).toEqual([buildRecord().key]);
      expect(loaded.alerts[buildRecord().key]?.status).toBe('sent');
      expect(loaded.emSkewMs).toBeUndefined();
      expect(loaded.mutes).toEqual([]);
    });

    it('claimOnce answers true to the first caller of a key only', async () => {
      const store = subject.open();
      expect(await store.claimOnce('digest', 'C1|2026-01-02')).toBe(true);
      expect(await store.claimOnce('digest', 'C1|2026-01-02')).toBe(false);
      expect(await store.claimOnce('digest', 'C2|2026-01-02')).toBe(true);
      expect(await store.claimOnce('other', 'C1|2026-01-02')).toBe(true);
    });

    it('answers ping', async () => {
      await expect(subject.open().ping()).resolves.toBeUndefined();
    });
  });
}
