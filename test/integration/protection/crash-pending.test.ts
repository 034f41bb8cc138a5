import { writeFileSync } from 'node:fs';
import { crashAtPost, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const isProtection = (blocks: unknown[] | undefined): boolean =>
  (blocks as Block[] | undefined)?.some((b) => b.block_id === 'protection_header') ?? false;
const missedAlerts = (x: ProtectionHarness) =>
  x.topLevel().filter((m) => isProtection(m.blocks) && m.text.includes('Prot Crash'));

/** A watched job that stops running, checked until its missed-run alert is due (the post that dies). */
async function missTheRun(x: ProtectionHarness): Promise<void> {
  await x.control('POST', 'jobs', {
    name: 'Prot Crash',
    vms: ['prot-c'],
    everyMinutes: 60,
    lastRunMinutesAgo: 5,
  });
  await x.check();
  await x.control('POST', 'jobs/Prot%20Crash', { stopRunning: true });
  await x.check(100 * MINUTE);
}

describe('a protection alert killed between pending and sent', () => {
  it.each([
    ['reached Slack: found in the history, not posted again', true],
    ['never reached Slack: posted once on restart', false],
  ])('%s', async (_name, reachesSlack) => {
    const { crash, wrap } = crashAtPost(
      (message) => isProtection(message.blocks) && message.text.includes('Prot Crash'),
      reachesSlack,
      () => h?.dataFile,
    );
    h = await start({ file: true, wrapChat: wrap });
    await missTheRun(h);
    expect(crash.died).toBe(true);
    const onDisk = JSON.parse(crash.fileAtDeath) as {
      protection?: { posts: Record<string, { status: string }> };
    };
    expect(Object.values(onDisk.protection?.posts ?? {}).map((p) => p.status)).toContain('pending');
    expect(missedAlerts(h)).toHaveLength(reachesSlack ? 1 : 0);

    // The restart reads what the dead process left on disk.
    writeFileSync(h.dataFile ?? '', crash.fileAtDeath);
    crash.armed = false;
    await h.restartLoop();
    await h.check(MINUTE);
    await h.check(10 * MINUTE);
    expect(missedAlerts(h)).toHaveLength(1);
    const posts = Object.values(h.watcher.state().protection?.posts ?? {});
    expect(posts.filter((p) => p.status === 'pending')).toHaveLength(0);
  });
});
