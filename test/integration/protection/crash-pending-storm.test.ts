import { writeFileSync } from 'node:fs';
import { crashAtPost, startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const isStormSummary = (message: { metadata?: { key: string } }): boolean =>
  message.metadata?.key.startsWith('protection-storm:') ?? false;

describe('a protection storm summary killed between pending and sent', () => {
  it.each([
    ['reached Slack: found in the history', true],
    ['never reached Slack: posted on restart', false],
  ])('%s: once settled, its storm is recorded, so its Claim button finds it', async (_name, reachesSlack) => {
    const { crash, wrap } = crashAtPost(isStormSummary, reachesSlack, () => h?.dataFile);
    h = await start({ file: true, wrapChat: wrap });
    const names = Array.from({ length: 8 }, (_, i) => `Prot Crash Storm Repo ${i}`);
    const setFree = async (freeGb: number) => {
      for (const name of names) await h?.control('POST', 'repositories', { name, capacityGb: 1000, freeGb });
    };
    await setFree(500);
    await h.check();
    await setFree(20);
    await h.check(MINUTE);
    expect(crash.died).toBe(true);

    writeFileSync(h.dataFile ?? '', crash.fileAtDeath);
    crash.armed = false;
    await h.restartLoop();
    await h.check(MINUTE);

    const summaries = h
      .topLevel()
      .filter((m) => String(m.metadata?.event_payload['key']).startsWith('protection-storm:'));
    expect(summaries).toHaveLength(1);
    const storms = Object.values(h.watcher.state().storms ?? {});
    expect(storms).toHaveLength(1);
    expect(storms[0]).toMatchObject({
      ts: summaries[0]?.ts,
      episodes: expect.arrayContaining([expect.any(String)]),
    });
    expect(storms[0]?.episodes).toHaveLength(names.length);
  });
});
