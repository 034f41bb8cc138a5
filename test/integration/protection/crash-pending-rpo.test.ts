import { writeFileSync } from 'node:fs';
import { crashAtPost, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

type Block = { block_id?: string; text?: { text: string } };
const RPO_HEADER = '⌛ RPO breached: Prot Rpo Crash';
const isRpoAlert = (blocks: unknown[] | undefined): boolean =>
  (blocks as Block[] | undefined)?.some(
    (b) => b.block_id === 'protection_header' && b.text?.text === RPO_HEADER,
  ) ?? false;
const rpoAlerts = (x: ProtectionHarness) => x.topLevel().filter((m) => isRpoAlert(m.blocks));
/** 40 minutes: the VM goes stale ~35 minutes after the job stops, well before its run is missed (~82). */
const RPO = { rpoDefaultMs: 40 * MINUTE };

describe('an RPO alert killed between pending and sent', () => {
  it.each([
    ['reached Slack: found in the history, not posted again', true],
    ['never reached Slack: posted once on restart', false],
  ])('%s', async (_name, reachesSlack) => {
    const { crash, wrap } = crashAtPost(
      (message) => isRpoAlert(message.blocks),
      reachesSlack,
      () => h?.dataFile,
    );
    h = await start({ file: true, wrapChat: wrap, protection: RPO });
    await h.control('POST', 'jobs', {
      name: 'Prot Rpo Crash',
      vms: ['prot-rc1', 'prot-rc2'],
      everyMinutes: 60,
      lastRunMinutesAgo: 5,
    });
    await h.check();
    await h.control('POST', 'jobs/Prot%20Rpo%20Crash', { stopRunning: true });
    await h.check(50 * MINUTE);
    expect(crash.died).toBe(true);
    const onDisk = JSON.parse(crash.fileAtDeath) as {
      protection?: { posts: Record<string, { key: string; status: string }> };
    };
    const pendingOnDisk = Object.values(onDisk.protection?.posts ?? {}).filter(
      (p) => p.key.startsWith('rpo:') && p.status === 'pending',
    );
    expect(pendingOnDisk).toHaveLength(1);
    expect(rpoAlerts(h)).toHaveLength(reachesSlack ? 1 : 0);

    writeFileSync(h.dataFile ?? '', crash.fileAtDeath);
    crash.armed = false;
    await h.restartLoop(RPO);
    await h.check(MINUTE);
    await h.check(10 * MINUTE);

    const [alert, ...more] = rpoAlerts(h);
    expect(more).toHaveLength(0);
    expect(alert?.text).toContain('2 VMs of Prot Rpo Crash');
    const posts = Object.values(h.watcher.state().protection?.posts ?? {});
    expect(posts.filter((p) => p.status === 'pending')).toHaveLength(0);
    const rpoPost = posts.find((p) => p.key === pendingOnDisk[0]?.key);
    expect(rpoPost).toMatchObject({ status: 'sent', ts: alert?.ts });
    // The episodes know their message: a later check opens nothing new for these VMs.
    await h.check(30 * MINUTE);
    expect(rpoAlerts(h)).toHaveLength(1);
  });
});
