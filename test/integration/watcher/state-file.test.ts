import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, StateFileError } from '../../../src/shared/errors.js';
import { createLowdbAlertStore } from '../../../src/watcher/lowdb-alert-store.js';
import { emptyState, type WatcherState } from '../../../src/watcher/state.js';
import { MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

describe('DATA_FILE that cannot be used', () => {
  let h: Harness;
  afterEach(() => h.stop());

  const good = JSON.stringify(emptyState());
  it.each([
    ['not JSON', '{"version":1,'],
    ['empty', ''],
    ['JSON null', 'null'],
    ['JSON false', 'false'],
    ['JSON zero', '0'],
    ['an array', '[]'],
    ['another version', good.replace('"version":1', '"version":2')],
    ['alerts of the wrong type', good.replace('"alerts":{}', '"alerts":[]')],
    ['a record missing fields', good.replace('"alerts":{}', '"alerts":{"x":{"uid":"u"}}')],
  ])('%s: start() throws state_file and leaves the file byte for byte', async (_name, content) => {
    h = await startHarness({ file: true, noStart: true });
    const path = h.dataFile ?? '';
    await writeFile(path, content);

    const error: unknown = await h.watcher.start().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StateFileError);
    expect((error as StateFileError).code).toBe(ErrorCode.StateFile);
    expect((error as StateFileError).message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(content);
  });

  it('starts empty when there is no file yet, and writes one', async () => {
    h = await startHarness({ file: true });
    const saved = JSON.parse(await readFile(h.dataFile ?? '', 'utf8')) as WatcherState;
    expect(saved.firstStartedAt).toBe(h.clock.now());
  });
});

describe('lowdb store', () => {
  it('refuses a DATA_FILE whose folder cannot be made, naming the file and the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-'));
    try {
      await writeFile(join(dir, 'plain-file'), 'not a folder');
      const path = join(dir, 'plain-file', 'state.json');
      const store = createLowdbAlertStore(path);

      const loadError: unknown = await store.load().catch((e: unknown) => e);
      const saveError: unknown = await store.save(emptyState()).catch((e: unknown) => e);

      for (const error of [loadError, saveError]) {
        expect(error).toBeInstanceOf(StateFileError);
        expect(error).toMatchObject({ code: ErrorCode.StateFile });
        expect((error as StateFileError).message).toContain(path);
        expect((error as StateFileError).message).toContain('DATA_FILE');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('round-trips a state', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'store-'));
    try {
      const store = createLowdbAlertStore(join(dir, 'nested', 'state.json'));
      const state = { ...emptyState(), firstStartedAt: 1, lastPollAt: 2 };
      state.mutes.push({ job: 'A', until: 3, by: 'U1', channel: 'C1' });
      await store.save(state);
      expect(await createLowdbAlertStore(join(dir, 'nested', 'state.json')).load()).toEqual(state);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('pruning', () => {
  let h: Harness;
  afterEach(() => h.stop());

  it('keeps the file small after days of hourly failures and recoveries', async () => {
    h = await startHarness({ file: true, config: { stormThreshold: 100 } });
    const jobs = ['Nightly Backup', 'Fileserver02 Replication', 'SQL Logs', 'Exchange'];
    const sizes: number[] = [];
    for (let hour = 0; hour < 72; hour += 1) {
      for (const jobName of jobs) {
        const type = jobName.includes('Replication') ? 'ReplicaJobSession' : 'BackupJobSession';
        h.stopped({ type, jobName, result: hour % 3 === 2 ? 'Success' : 'Failed' }, MINUTE);
      }
      await h.poll(60 * MINUTE);
      if (hour % 24 === 23) sizes.push((await stat(h.dataFile ?? '')).size);
    }

    const state = h.watcher.state();
    // Only what the look-back can still see, and one incident per job.
    expect(Object.keys(state.alerts).length).toBeLessThanOrEqual(3 * jobs.length);
    expect(Object.keys(state.incidents).length).toBeLessThanOrEqual(jobs.length);
    expect(sizes[2]).toBeLessThan(30_000);
    expect(sizes[2]).toBeLessThanOrEqual((sizes[0] ?? 0) * 1.5);
  });
});
