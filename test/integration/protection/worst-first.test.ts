import { createCatalog } from '../../../src/commands/catalog.js';
import { protectionCommand } from '../../../src/commands/handlers/protection.js';
import { reposCommand } from '../../../src/commands/handlers/repos.js';
import type { CommandDeps } from '../../../src/commands/types.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { SlackMessage } from '../../../src/views/format/block-kit.js';
import { startedPerTest, type ProtectionHarness } from '../../helpers/protection-harness.js';
import { MINUTE } from '../../helpers/watcher-harness.js';

const start = startedPerTest();
let h: ProtectionHarness | undefined;

const ctx = { userId: 'U1', channelId: 'C1' };
type Block = { block_id?: string; text?: { text: string } };
const blockText = (m: SlackMessage, id: string): string =>
  (m.blocks as Block[]).find((b) => b.block_id === id)?.text?.text ?? '';

function depsOf(x: ProtectionHarness): CommandDeps {
  return {
    client: x.client,
    catalog: createCatalog({ client: x.client, clock: x.clock, ttlMs: 0 }),
    clock: x.clock,
    logger: silentLogger,
    watcher: x.watcher,
    protection: x.protection,
  };
}

async function createJob(x: ProtectionHarness, name: string, everyMinutes: number, enabled = true) {
  const res = await x.control('POST', 'jobs', {
    name,
    vms: [`${name.toLowerCase().replace(/ /g, '-')}-vm`],
    everyMinutes,
    lastRunMinutesAgo: 5,
    scheduleEnabled: enabled,
  });
  expect(res.status).toBe(201);
}

describe('worst first', () => {
  it('/veeam protection lists missed, then stale, then disabled, then protected jobs, whatever their names', async () => {
    // A 40-minute RPO: C, stopped after its run at ~52 min, is stale at 130 min but misses only its 112-min slot
    // (+ 30 min grace); D, stopped at once, missed its 52-min slot.
    h = await start({ protection: { rpoDefaultMs: 40 * MINUTE } });
    await createJob(h, 'Prot A Protected', 15);
    await createJob(h, 'Prot B Disabled', 60, false);
    await createJob(h, 'Prot C Stale', 60);
    await createJob(h, 'Prot D Missed', 60);
    await h.check();
    await h.control('POST', 'jobs/Prot%20D%20Missed', { stopRunning: true });
    await h.check(85 * MINUTE);
    await h.control('POST', 'jobs/Prot%20C%20Stale', { stopRunning: true });
    await h.check(45 * MINUTE);

    const reply = await protectionCommand('', ctx, depsOf(h));
    const lines = blockText(reply, 'protection_jobs').split('\n');
    const order = lines.map((l) => /\*(Prot [A-D] \w+)\*/.exec(l)?.[1]).filter(Boolean);
    expect(order).toEqual(['Prot D Missed', 'Prot C Stale', 'Prot B Disabled', 'Prot A Protected']);
    expect(lines.map((l) => / · (missed|stale|disabled|protected) · /.exec(l)?.[1])).toEqual([
      'missed',
      'stale',
      'disabled',
      'protected',
    ]);
    expect(blockText(reply, 'protection_counts')).toContain(
      ':alarm_clock: missed *1* · :hourglass: stale *1* · :double_vertical_bar: disabled *1* · :white_check_mark: protected *1*',
    );
  });

  it('/veeam repos lists repositories by free space, least first, with the level of each', async () => {
    h = await start();
    await h.control('POST', 'repositories', { name: 'Prot Roomy', capacityGb: 1000, freeGb: 500 });
    await h.control('POST', 'repositories', { name: 'Prot Full', capacityGb: 1000, freeGb: 30 });
    await h.control('POST', 'repositories', { name: 'Prot Low', capacityGb: 1000, freeGb: 100 });

    const reply = await reposCommand('', ctx, depsOf(h));
    const sections = (reply.blocks as Block[]).filter((b) => b.block_id?.startsWith('repo_'));
    const percents = sections.map((b) => Number(/\((\d+\.\d) %\)/.exec(b.text?.text ?? '')?.[1]));
    expect(percents.length).toBeGreaterThanOrEqual(7);
    expect(percents.every((p) => Number.isFinite(p))).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    const names = sections.map((b) => /\*(Prot \w+)\*/.exec(b.text?.text ?? '')?.[1]).filter(Boolean);
    expect(names).toEqual(['Prot Full', 'Prot Low', 'Prot Roomy']);
    const line = (name: string) => sections.find((b) => b.text?.text.includes(`*${name}*`))?.text?.text ?? '';
    expect(line('Prot Full').startsWith(':red_circle:')).toBe(true);
    expect(line('Prot Low').startsWith(':large_orange_circle:')).toBe(true);
    expect(line('Prot Roomy').startsWith(':large_green_circle:')).toBe(true);
  });
});
