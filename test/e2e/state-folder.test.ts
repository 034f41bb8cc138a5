import { spawnBot } from '../helpers/bot-process.js';
import { waitUntil } from '../helpers/wait.js';

/**
 * A DATA_FILE in a folder the bot cannot write (here sysfs, which refuses new files to every user, root
 * included, as a read-only mount does): the built bot stops with one line naming the file and the fix, the
 * same as for any other unusable state file, never an errno stack.
 */
describe('the built bot with an unwritable DATA_FILE folder', () => {
  it('stops at start with one line and exit code 1', async () => {
    const bot = spawnBot({ DATA_FILE: '/sys/veeam-state.json' });
    await waitUntil(() => bot.child.exitCode !== null, {
      timeoutMs: 20_000,
      what: () => `bot kept running\n${bot.stderr()}`,
    });
    expect(bot.child.exitCode).toBe(1);
    const lines = bot.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATA_FILE \/sys\/veeam-state\.json cannot be written \(E[A-Z]+/);
    expect(lines[0]).toMatch(/point DATA_FILE elsewhere/);
    expect(bot.stderr()).not.toMatch(/^\s+at /m);
  });
});
