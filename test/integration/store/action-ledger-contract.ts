import type { ActionAuditEntry, ActionLedger, ActionLock } from '../../../src/store/action-ledger.js';
import { createStateActionLedger } from '../../../src/store/state-action-ledger.js';
import type { AlertStore } from '../../../src/watcher/alert-store.js';

/** A ledger under test: `open()` gives a new instance on the same backing (a restart, or another replica). */
export interface LedgerUnderTest {
  open(): Promise<ActionLedger>;
  /** Two ledgers that may race: two replicas on PostgreSQL, one process's watcher state in the local stores. */
  racers(): Promise<[ActionLedger, ActionLedger]>;
  cleanup(): Promise<void>;
}

/** The state-kept ledger over a store, as a watcher would hold it: loaded once, saved whole. */
export async function ledgerOverStore(store: AlertStore): Promise<ActionLedger> {
  const state = await store.load();
  return createStateActionLedger({ state: () => state, persist: () => store.save(state) });
}

/** A lock with overrides. */
export function buildLock(overrides: Partial<ActionLock> = {}): ActionLock {
  return {
    jobUid: 'urn:veeam:Job:1',
    jobName: 'Nightly',
    action: 'retry',
    user: 'U1',
    channel: 'C-OPS',
    nonce: 'n1',
    at: 1_000,
    expiresAt: 11_000,
    ...overrides,
  };
}

const entry = (outcome: string, at: number): ActionAuditEntry => ({
  at,
  user: 'U1',
  job: 'Nightly',
  action: 'retry',
  outcome,
});

/**
 * The one contract of every ActionLedger (memory, lowdb, PostgreSQL): one live mark per job whoever asks,
 * only its holder refreshes or ends it, an expired one is taken over, and marks and audit survive a reopen.
 */
export function describeActionLedgerContract(name: string, make: () => Promise<LedgerUnderTest>): void {
  describe(`${name} action ledger contract`, () => {
    let subject: LedgerUnderTest;
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(() => subject.cleanup());

    it('gives a job’s mark to one caller; another nonce gets the holder, the holder refreshes it', async () => {
      const ledger = await subject.open();
      expect(await ledger.begin(buildLock(), 2_000)).toBeUndefined();
      expect(await ledger.begin(buildLock({ nonce: 'n2', user: 'U2' }), 2_000)).toMatchObject({
        nonce: 'n1',
        user: 'U1',
      });
      expect(await ledger.begin(buildLock({ ts: '1.5' }), 3_000)).toBeUndefined();
      expect(await ledger.begin(buildLock({ nonce: 'n3' }), 3_000)).toMatchObject({ ts: '1.5' });
      expect(
        await ledger.begin(buildLock({ jobUid: 'urn:veeam:Job:2', nonce: 'n4' }), 3_000),
      ).toBeUndefined();
    });

    it('keeps the mark for a reopened store, until it expires or its holder ends it', async () => {
      const first = await subject.open();
      await first.begin(buildLock(), 2_000);

      const second = await subject.open();
      expect(await second.begin(buildLock({ nonce: 'n2' }), 10_999)).toMatchObject({ nonce: 'n1' });
      expect(await second.begin(buildLock({ nonce: 'n2', expiresAt: 30_000 }), 11_000)).toBeUndefined();
      await second.end('urn:veeam:Job:1', 'n1');
      expect(await second.begin(buildLock({ nonce: 'n3' }), 12_000)).toMatchObject({ nonce: 'n2' });
      await second.end('urn:veeam:Job:1', 'n2');
      expect(await (await subject.open()).begin(buildLock({ nonce: 'n3' }), 12_000)).toBeUndefined();
    });

    it('of two callers racing for one job, exactly one wins', async () => {
      const [a, b] = await subject.racers();
      const answers = await Promise.all([
        a.begin(buildLock({ nonce: 'a' }), 2_000),
        b.begin(buildLock({ nonce: 'b' }), 2_000),
      ]);
      expect(answers.filter((answer) => answer === undefined)).toHaveLength(1);
    });

    it('keeps the audit history in order across a reopen', async () => {
      const ledger = await subject.open();
      await ledger.record(entry('confirmed', 1));
      await ledger.record({ ...entry('accepted', 2), detail: 'task-1' });
      await ledger.record(entry('succeeded', 3));

      const history = await (await subject.open()).history(2);
      expect(history).toEqual([{ ...entry('accepted', 2), detail: 'task-1' }, entry('succeeded', 3)]);
    });
  });
}
