import { createDigestLoop } from '../../../src/digest/digest-loop.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

const HOUR = 60 * MINUTE;
let h: Harness;

beforeEach(async () => {
  // START is 2025-11-20 12:00 UTC: the bot first runs after that day's 08:00, so that day has no digest.
  h = await startHarness({ file: true });
});
afterEach(() => h.stop());

function loop(extra: { demoDueAtMs?: number; rpoDefaultMs?: number } = {}) {
  return createDigestLoop({
    ...extra,
    // Through the harness, so a restart's new watcher is the one read.
    state: () => h.watcher.state(),
    save: () => h.watcher.persist(),
    client: h.client,
    chat: h.chat,
    clock: h.clock,
    logger: silentLogger,
    digest: { time: '08:00', timeZone: 'UTC', channels: [ALERTS], demoAfterMs: 60_000 },
    repoWarnPercent: 10,
  });
}

const digests = (date: string) => h.withKey(`digest:${date}`);

it('waits for tomorrow on a first start after DIGEST_TIME, posts late once after downtime, never yesterday’s', async () => {
  expect((await loop().runOnce()).posted).toEqual([]);
  h.advance(19 * HOUR); // 2025-11-21 07:00: not yet
  expect((await loop().runOnce()).posted).toEqual([]);

  // Down at 08:00, back at 10:00: posted once, marked late.
  h.advance(3 * HOUR);
  await h.restart();
  expect((await loop().runOnce()).posted).toEqual([ALERTS]);
  expect(await loop().runOnce()).toEqual({ posted: [], failed: [] });
  expect(digests('2025-11-21')).toHaveLength(1);
  expect(digests('2025-11-21')[0]?.text).toContain('(late)');
  expect(h.watcher.state().digests?.[`${ALERTS}|2025-11-21`]).toMatchObject({ status: 'sent', late: true });

  // Down all of the 22nd, back on the 23rd at 09:00: today's goes out (late), the 22nd's never.
  h.advance(47 * HOUR);
  await h.restart();
  expect((await loop().runOnce()).posted).toEqual([ALERTS]);
  expect(digests('2025-11-22')).toHaveLength(0);
  expect(digests('2025-11-23')).toHaveLength(1);
  expect(digests('2025-11-21')).toHaveLength(1);
});

it('posts on time at DIGEST_TIME and keeps only a few days of records', async () => {
  h.advance(20 * HOUR); // 2025-11-21 08:00
  expect((await loop().runOnce()).posted).toEqual([ALERTS]);
  expect(h.watcher.state().digests?.[`${ALERTS}|2025-11-21`]).toMatchObject({ late: false });
  h.advance(5 * 24 * HOUR);
  await loop().runOnce();
  expect(Object.keys(h.watcher.state().digests ?? {})).toEqual([`${ALERTS}|2025-11-26`]);
});

it('in the demo posts one digest from a minute after start, before DIGEST_TIME and on a first day, once', async () => {
  const demo = { demoDueAtMs: h.clock.now() + MINUTE };
  expect((await loop(demo).runOnce()).posted).toEqual([]);
  h.advance(MINUTE);
  expect((await loop(demo).runOnce()).posted).toEqual([ALERTS]);
  h.advance(MINUTE);
  expect((await loop(demo).runOnce()).posted).toEqual([]);
  expect(digests('2025-11-20')).toHaveLength(1);
  expect(digests('2025-11-20')[0]?.text).not.toContain('(late)');
});

it('judges stale VMs with RPO_DEFAULT, as the protection loop and /veeam report do', async () => {
  const now = h.clock.now();
  // Runs every 24 h learn an RPO of 36 h; the newest point is 10 h old: protected unless RPO_DEFAULT is shorter.
  h.watcher.state().protection = {
    lastCheckAt: now,
    baselineAt: now,
    jobs: {
      'urn:job:1': {
        name: 'Nightly SQL',
        jobType: 'Backup',
        enabled: true,
        runs: Array.from({ length: 10 }, (_, i) => now - 10 * HOUR - i * 24 * HOUR),
      },
    },
    vms: {
      'urn:job:1\nsql01': {
        jobUid: 'urn:job:1',
        vm: 'sql01',
        newestAt: now - 10 * HOUR,
        kind: 'VmRestorePoint',
      },
    },
    repos: {},
    episodes: {},
    posts: {},
  };
  h.advance(20 * HOUR); // 2025-11-21 08:00: the point is 30 h old
  expect((await loop({ rpoDefaultMs: 24 * HOUR }).runOnce()).posted).toEqual([ALERTS]);
  const [posted] = digests('2025-11-21');
  expect(posted?.text).toContain('protection breaches: 1');
  expect(JSON.stringify(posted?.blocks)).toContain('Nightly SQL');

  // Without RPO_DEFAULT the learned 36 h RPO holds: the next day's digest lists no breach.
  h.watcher.state().protection!.vms['urn:job:1\nsql01']!.newestAt = h.clock.now();
  h.advance(24 * HOUR);
  expect((await loop().runOnce()).posted).toEqual([ALERTS]);
  expect(digests('2025-11-22')[0]?.text).not.toContain('protection breaches: 1');
});
