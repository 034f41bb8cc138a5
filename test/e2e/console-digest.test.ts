import { existsSync, readFileSync } from 'node:fs';
import { decodePng } from '../helpers/png-decode.js';
import { spawnBot, type BotProcess } from '../helpers/bot-process.js';

/** The local demo shows the digest a newcomer would get in Slack: as text, with its chart as a PNG file. */
describe('the digest in local demo mode', () => {
  let bot: BotProcess;

  beforeAll(async () => {
    // The demo's digest comes a minute after start; 5 s here, the same code path.
    bot = spawnBot({ DEMO_DIGEST_AFTER: '5s' });
    await bot.waitFor(/^Local demo: .*\n.*\n/, 20_000, 'stdout');
  });
  afterAll(() => bot.kill('SIGTERM'));

  it('answers /veeam report at the prompt as text with a bar chart, and names the PNG it wrote', async () => {
    bot.write('/veeam report 7d');
    const [, path] = await bot.waitFor(/chart written to (\S+\.png)/, 60_000, 'stdout');
    expect(bot.stdout()).toMatch(/Last 7d: \d+ sessions/);
    expect(bot.stdout()).toMatch(/Last 7 days/);
    expect(existsSync(path ?? '')).toBe(true);
    expect(decodePng(readFileSync(path ?? '')).width).toBeGreaterThan(100);
    // The demo's simulator has repositories: their usage chart is written next to the first and named.
    const [, repositories] = await bot.waitFor(
      /Repository usage: chart written to (\S+digest-\d{4}-\d\d-\d\d-repositories\.png)/,
      30_000,
      'stdout',
    );
    expect(decodePng(readFileSync(repositories ?? '')).width).toBe(1200);
  }, 90_000);

  it('posts one digest shortly after start (DEMO_DIGEST_AFTER), naming its PNG', async () => {
    // The heading names the channel it went to, then the digest's header.
    await bot.waitFor(/^#\S+ · [^\n]*\n[^\n]*Veeam digest/im, 180_000, 'stdout');
    await bot.waitForCount(/chart written to \S+digest-\d{4}-\d\d-\d\d\.png/g, 2, 60_000);
    await bot.waitForCount(/chart written to \S+digest-\d{4}-\d\d-\d\d-repositories\.png/g, 2, 60_000);
    expect(bot.count(/^#\S+ · [^\n]*\n[^\n]*Veeam digest/gim)).toBe(1);
  }, 260_000);
});
