import { protectionCommand } from '../../../../src/commands/handlers/protection.js';
import { reposCommand } from '../../../../src/commands/handlers/repos.js';
import { subscriptionsCommand } from '../../../../src/commands/handlers/subscriptions.js';
import { rpoCommand } from '../../../../src/commands/handlers/rpo.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { emptyProtectionMemory } from '../../../../src/watcher/protection-state.js';
import type { SlackMessage } from '../../../../src/views/format/block-kit.js';
import { startCommandRig, type CommandRig } from '../../../helpers/command-rig.js';
import { createFakeWatcher, offlineDeps } from './watcher-fake.js';

const HOUR = 3_600_000;
const NOW = 100 * 24 * HOUR;
const ctx = { userId: 'U1', channelId: 'C1' };
type Block = { block_id?: string; type: string; text?: { text: string } };
const block = (m: SlackMessage, id: string): string =>
  (m.blocks as Block[]).find((b) => b.block_id === id)?.text?.text ?? '';

/** A watcher whose protection memory holds one job of `vms` VMs (the first `stale` of them 3 days old). */
function watcherWith(name: string, vms: number, stale: number) {
  const watcher = createFakeWatcher();
  const memory = emptyProtectionMemory();
  memory.jobs['uid-1'] = { name, jobType: 'Backup', enabled: true, runs: [NOW - 24 * HOUR, NOW - 48 * HOUR] };
  for (let i = 0; i < vms; i += 1)
    memory.vms[`uid-1\nvm-${i}`] = {
      jobUid: 'uid-1',
      vm: i === 0 ? '*bold* <!here> `vm`' : `vm-${i}`,
      newestAt: i < stale ? NOW - 72 * HOUR : NOW - HOUR,
      kind: 'VmRestorePoint',
    };
  watcher.current.protection = memory;
  return watcher;
}

describe('/veeam protection', () => {
  it('counts jobs and VMs by state, with the RPO and where it came from, hostile names escaped', async () => {
    const watcher = watcherWith('Job <!channel> *x*', 3, 1);
    const reply = await protectionCommand('', ctx, offlineDeps(watcher, NOW));
    expect(block(reply, 'protection_counts')).toContain('1 stale of 3');
    const jobs = block(reply, 'protection_jobs');
    expect(jobs).toContain('RPO 1d 12h (learned from its last runs)');
    expect(jobs).not.toContain('<!channel>');
  });

  it('one job of 1,000 VMs stays inside Block Kit limits and says how many hidden VMs are stale', async () => {
    const watcher = watcherWith('Big', 1000, 900);
    const reply = await protectionCommand('big', ctx, offlineDeps(watcher, NOW));
    const vms = block(reply, 'protection_vms');
    expect(vms.length).toBeLessThanOrEqual(3000);
    expect(vms).toContain('… and 940 more, 840 stale');
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(block(reply, 'protection_vms')).not.toContain('<!here>');
  });

  it('one VM: its newest point, since when, and the job that protects it', async () => {
    const watcher = watcherWith('Web', 2, 0);
    const reply = await protectionCommand('VM-1', ctx, offlineDeps(watcher, NOW));
    expect(block(reply, 'protection_vm')).toContain('is protected');
    expect(block(reply, 'protection_points')).toMatch(/backup by \*Web\*: newest point .* UTC \(1h old\)/);
  });
});

describe('/veeam rpo and /veeam repos over the simulator', () => {
  let rig: CommandRig;
  beforeAll(async () => {
    rig = await startCommandRig();
  });
  afterAll(async () => rig.stop());

  it('sets an override on the job named by everything before the last word, shown by /veeam protection; auto clears it', async () => {
    const watcher = createFakeWatcher();
    const deps = { ...rig.deps, watcher };
    await rpoCommand('"Fileserver02 Replication" 36h', ctx, deps);
    const [record] = Object.values(watcher.current.rpoOverrides ?? {});
    expect(record).toMatchObject({ ms: 36 * HOUR, by: 'U1', job: 'Fileserver02 Replication' });
    expect(watcher.saved()).toBe(1);
    const listed = await subscriptionsCommand('', ctx, deps);
    expect(block(listed, 'rpo_overrides')).toContain('*Fileserver02 Replication* RPO 1d 12h');
    await rpoCommand('Fileserver02 Replication auto', ctx, deps);
    expect(Object.keys(watcher.current.rpoOverrides ?? {})).toHaveLength(0);
  });

  it('refuses a bare job or a duration under 15m', async () => {
    const deps = { ...rig.deps, watcher: createFakeWatcher() };
    await expect(rpoCommand('Fileserver02', ctx, deps)).rejects.toBeInstanceOf(UsageError);
    await expect(rpoCommand('Fileserver02 Replication 1m', ctx, deps)).rejects.toBeInstanceOf(UsageError);
  });

  it('lists repositories worst first with a bar', async () => {
    const reply = await reposCommand('', ctx, rig.deps);
    const first = block(reply, 'repo_0');
    expect(first).toMatch(/free of .* \(\d+\.\d %\) `▓+░*/);
  });
});
