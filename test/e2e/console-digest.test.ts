import { existsSync, readFileSync } from 'node:fs';
import { decodePng } from '../helpers/png-decode.js';
import { spawnBot, type BotProcess } from '../helpers/bot-process.js';

const DIGEST_HEADING = /^#\S+ · [^\n]*\n[^\n]*Veeam digest/gim;
const WEEK_CHART = /chart written to (\S+digest-\d{4}-\d\d-\d\d\.png)/g;
const REPOSITORY_CHART = /Repository usage: chart written to (\S+digest-\d{4}-\d\d-\d\d-repositories\.png)/g;

/** The local demo shows the digest a newcomer would get in Slack: as text, with its chart as a PNG file. */
describe('the digest in local demo mode', () => {
  let bot: BotProcess;

  beforeAll(async () => {
    // The demo's digest comes a minute after start; at once here (its first check at start), the same code path.
    bot = spawnBot({ DEMO_DIGEST_AFTER: '0s' });
    await bot.waitFor(/^Local demo: .*\n.*\n/, 20_000, 'stdout');
  });
  afterAll(() => bot.kill('SIGTERM'));

  it('posts one digest after start (DEMO_DIGEST_AFTER), naming its PNGs', async () => {
    // The heading names the channel it went to, then the digest's header.
    await bot.waitFor(DIGEST_HEADING, 60_000, 'stdout');
    await bot.waitForCount(WEEK_CHART, 1, 60_000);
    await bot.waitForCount(REPOSITORY_CHART, 1, 60_000);
    expect(bot.count(DIGEST_HEADING)).toBe(1);
  }, 90_000);

  it('answers /veeam report at the prompt as text with a bar chart, and names the PNG it wrote', async () => {
    const from = bot.stdout().length;
    bot.write('/veeam report 7d');
    await bot.waitForCount(WEEK_CHART, 2, 60_000);
    // The demo's simulator has repositories: their usage chart is written next to the first and named.
    await bot.waitForCount(REPOSITORY_CHART, 2, 30_000);
    const answer = bot.stdout().slice(from);
    expect(answer).toMatch(/Last 7d: \d+ sessions/);
    expect(answer).toMatch(/Last 7 days/);
    const [path] = [...answer.matchAll(WEEK_CHART)].map((m) => m[1]);
    expect(existsSync(path ?? '')).toBe(true);
    expect(decodePng(readFileSync(path ?? '')).width).toBeGreaterThan(100);
    const [repositories] = [...answer.matchAll(REPOSITORY_CHART)].map((m) => m[1]);
    expect(decodePng(readFileSync(repositories ?? '')).width).toBe(1200);
    // The report is not a second digest.
    expect(bot.count(DIGEST_HEADING)).toBe(1);
  }, 90_000);
});
