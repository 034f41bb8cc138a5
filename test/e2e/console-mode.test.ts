import { spawnBot, type BotProcess } from '../helpers/bot-process.js';
import { waitUntil } from '../helpers/wait.js';

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

  it('offers Retry on a Failed alert and runs it only after y at the y/N prompt, through EM once', async () => {
    const origin = /simulator at (http:\/\/127\.0\.0\.1:\d+)\/api\//.exec(bot.stdout())?.[1];
    const actions = async () =>
      (await (await fetch(`${origin}/_sim/actions`)).json()) as Array<Record<string, unknown>>;
    const [, number] = await bot.waitFor(/\[(\d+)\] Retry/, 60_000, 'stdout');
    const click = async (answer: string, expected: RegExp) => {
      const before = bot.stdout().length;
      bot.write(number ?? '');
      await waitUntil(() => /\[y\/N\]/.test(bot.stdout().slice(before)), { timeoutMs: 15_000 });
      const asked = bot.stdout().slice(before);
      expect(asked).toMatch(/Retry job[\s\S]*Backup server: \S+[\s\S]*Last result: [\s\S]*will retry/);
      bot.write(answer);
      await waitUntil(() => expected.test(bot.stdout().slice(before)), {
        timeoutMs: 15_000,
        what: () => `no ${expected} after answering ${answer}:\n${bot.stdout().slice(before)}`,
      });
      return bot.stdout().slice(before);
    };

    await click('n', /Cancelled: nothing was done/);
    expect(await actions()).toEqual([]);

    const after = await click('y', /Enterprise Manager (accepted|did not)/);
    expect(after).toMatch(/#alerts \(in thread\)[\s\S]*retry of .+ requested by console/);
    const log = await actions();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ action: 'retry', user: 'operator' });
  });

  it('explains a mistyped command instead of failing', async () => {
    bot.write('/veeam statsu');
    await bot.waitFor(/did you mean `status`/, 10_000, 'stdout');
  });
});
