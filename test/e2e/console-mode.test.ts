import { spawnBot, type BotProcess } from '../helpers/bot-process.js';

/** `npm start` with no configuration: the embedded simulator, the watcher and the console prompt. */
describe('the built bot in local demo mode', () => {
  let bot: BotProcess;

  beforeAll(async () => {
    bot = spawnBot({});
    // Both banner lines: the second may come in a later chunk than the first.
    await bot.waitFor(/^Local demo: .*\n.*\n/, 20_000, 'stdout');
  });
  afterAll(() => bot.kill('SIGTERM'));

  it('says what it is doing and how to change it in its first lines', () => {
    const [first, second] = bot.stdout().split('\n');
    expect(first).toMatch(
      /^Local demo: an embedded Enterprise Manager simulator at http:\/\/127\.0\.0\.1:\d+\/api\//,
    );
    expect(second).toMatch(/VEEAM_URL.*SLACK_BOT_TOKEN/);
  });

  it('answers a /veeam line typed at the prompt, and a button number clicks that button', async () => {
    bot.write('/veeam status Fileserver02 Replication');
    await bot.waitFor(/Fileserver02 Replication@\d{4}-\d\d-\d\d/, 15_000, 'stdout');
    const [, number] = await bot.waitFor(/\[(\d+)\] Details/, 5_000, 'stdout');
    const before = bot.stdout().length;
    bot.write(number ?? '');
    await bot.waitFor(/UID[\s\S]*urn:veeam:ReplicaJobSession:/, 15_000, 'stdout');
    expect(bot.stdout().slice(before)).toMatch(/Job: Fileserver02 Replication/);
  });

  it('prints alerts from the live scenario as they happen, with no colour codes in a pipe', async () => {
    await bot.waitFor(/^#alerts · /m, 30_000, 'stdout');
    expect(bot.stdout()).not.toContain(String.fromCharCode(27)); // no ANSI escape codes
  });

  it('explains a mistyped command instead of failing', async () => {
    bot.write('/veeam statsu');
    await bot.waitFor(/did you mean `status`/, 10_000, 'stdout');
  });
});
