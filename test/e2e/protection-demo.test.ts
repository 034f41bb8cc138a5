import { spawnBot, type BotProcess } from '../helpers/bot-process.js';
import { waitUntil } from '../helpers/wait.js';

const MINUTE = 60_000;

/** `npm start` with no configuration: the demo's deliberate breaches show as protection alerts and states. */
describe('protection in the local demo', () => {
  let bot: BotProcess;
  let startedAt = 0;

  beforeAll(async () => {
    startedAt = Date.now();
    // The demo as `npm start` runs it, polling every second instead of every 5 s (its live runs show sooner).
    bot = spawnBot({ WATCH_SCHEDULE: '*/1 * * * * *' });
    await bot.waitFor(/^Local demo: .*\n.*\n/, 20_000, 'stdout');
  });
  afterAll(() => bot.kill('SIGTERM'));

  it(
    'prints a missed-run, an RPO and a repository alert within its first minute',
    async () => {
      const left = () => Math.max(1, startedAt + MINUTE - Date.now());
      await bot.waitFor(/^⏰ Missed run: Jenkins Backup$/m, left(), 'stdout');
      await bot.waitFor(/^⌛ RPO breached: .+$/m, left(), 'stdout');
      await bot.waitFor(/^💾 Repository \w+: .+$/m, left(), 'stdout');
      expect(bot.stdout()).toMatch(/RPO \d[^\n]*\(learned\s+from\s+its\s+last\s+runs\)/);
    },
    2 * MINUTE,
  );

  it(
    'offers Claim on the missed-run alert by number; the click shows the claim on the alert',
    async () => {
      const [, number] = await bot.waitFor(
        /^⏰ Missed run: Jenkins Backup$[\s\S]*?\[(\d+)\] Claim/m,
        MINUTE,
        'stdout',
      );
      const before = bot.stdout().length;
      bot.write(number ?? '');
      const claimed = /message updated[\s\S]*Missed run: Jenkins Backup[\s\S]*claimed by \S*console/;
      await waitUntil(() => claimed.test(bot.stdout().slice(before)), {
        timeoutMs: 20_000,
        what: () => `no claim line after clicking [${number ?? ''}]:\n${bot.stdout().slice(before)}`,
      });
    },
    2 * MINUTE,
  );

  it(
    'answers /veeam protection with all four states, the failing job stale after a live run too',
    async () => {
      // Its live run fails as its history did, so its VMs get no fresh point and stay stale.
      await bot.waitFor(/^❌ Backup Job 3@/m, MINUTE, 'stdout');
      const before = bot.stdout().length;
      bot.write('/veeam protection');
      await bot.waitFor(/^VMs: \d+ stale of \d+$/m, 20_000, 'stdout');
      const answer = bot.stdout().slice(before);
      const counts = answer.match(
        /missed\s+(\d+)\s+·\s+⌛\s+stale\s+(\d+)\s+·\s+⏸️\s+disabled\s+(\d+)\s+·\s+✅\s+protected\s+(\d+)/,
      );
      expect(counts).not.toBeNull();
      for (const count of counts?.slice(1) ?? []) expect(Number(count)).toBeGreaterThan(0);
      expect(answer).toMatch(/^⏰ Jenkins Backup · missed/m);
      expect(answer).toMatch(/^⌛ Backup Job 3 · stale/m);
      expect(answer).toMatch(/^⏸️ Backup Job 1 · disabled/m);
      expect(answer).toMatch(/^✅ .+ · protected/m);
    },
    2 * MINUTE,
  );
});
