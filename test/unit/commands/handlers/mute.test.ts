import { muteCommand, parseMute, unmuteCommand } from '../../../../src/commands/handlers/mute.js';
import type { CatalogEntry } from '../../../../src/commands/catalog.js';
import { createOperatorCheck, type RoutingPort } from '../../../../src/commands/routing-port.js';
import type { CommandDeps } from '../../../../src/commands/types.js';
import { AppError, ErrorCode, UsageError } from '../../../../src/shared/errors.js';
import type { SlackMessage } from '../../../../src/views/format/block-kit.js';
import { blockById, textOf } from '../../views/block-queries.js';
import { createCapturingLogger } from '../../../helpers/capture-logger.js';
import { createFakeWatcher, offlineDeps } from './watcher-fake.js';

const here = { userId: 'U1', channelId: 'CALERTS' };
const HOUR = 3_600_000;

/** A routing port with OPERATORS = UOPS that records its announcements. */
function recordingRouting(operators: string[] | undefined = ['UOPS']) {
  const announced: Array<{ message: SlackMessage; channels: readonly string[] }> = [];
  const routing: RoutingPort = {
    isOperator: createOperatorCheck(operators),
    restricted: operators !== undefined,
    canPost: async () => true,
    alertChannel: 'CALERTS',
    announce: async (message, channels) => void announced.push({ message, channels }),
  };
  return { routing, announced };
}

const jobs = (n: number): CatalogEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    name: `Nightly ${i}`,
    kind: 'job',
    uid: `u${i}`,
    sessionKind: 'BackupJobSession',
    ref: `u${i}`,
  }));

function depsWith(overrides: Partial<CommandDeps> & { now?: number; jobCount?: number } = {}) {
  const watcher = createFakeWatcher();
  const base = offlineDeps(watcher, overrides.now ?? 1_000);
  const entries = jobs(overrides.jobCount ?? 3);
  const deps: CommandDeps = {
    ...base,
    catalog: { ...base.catalog, entries: async () => entries },
    ...overrides,
  };
  return { watcher, deps };
}

describe('/veeam mute and unmute', () => {
  it('mutes a job until now + the duration, replacing an earlier mute of it (any case)', async () => {
    const { watcher, deps } = depsWith();
    await muteCommand('Nightly Backup 1h', here, deps);
    const reply = await muteCommand('nightly backup 2h', here, deps);
    expect(watcher.current.mutes).toEqual([
      { job: 'nightly backup', until: 1_000 + 2 * HOUR, by: 'U1', channel: 'CALERTS', at: 1_000 },
    ]);
    expect(watcher.saved()).toBe(2);
    expect(textOf(blockById(reply, 'notice'))).toContain('*nightly backup*');
  });

  it('unmutes a muted job and says so when there was no mute', async () => {
    const { watcher, deps } = depsWith();
    await muteCommand('Nightly Backup 1d', here, deps);
    const lifted = await unmuteCommand('"NIGHTLY BACKUP"', here, deps);
    expect(watcher.current.mutes).toEqual([]);
    expect(textOf(blockById(lifted, 'notice'))).toContain('Alerts are back on for');
    const none = await unmuteCommand('Weekly', here, deps);
    expect(textOf(blockById(none, 'notice'))).toContain('No mute for');
    expect(watcher.saved()).toBe(2);
  });

  it.each(['Nightly', '2h', 'Nightly 0h', 'Nightly 45d', 'Nightly soon', 'a\nb 2h'])('rejects %j', (text) => {
    expect(() => parseMute(text)).toThrow(UsageError);
  });

  it('asks which job to unmute, and answers without a watcher', async () => {
    const { deps } = depsWith();
    await expect(unmuteCommand(' ', here, deps)).rejects.toBeInstanceOf(UsageError);
    const reply = await muteCommand('Nightly 2h', here, { ...deps, watcher: undefined });
    expect(textOf(blockById(reply, 'error'))).toContain('Alerts are not running in this bot');
  });
});

describe('who may mute (OPERATORS set)', () => {
  it('lets anyone snooze one job for up to 24h, and announces it with who, what, how many and until when', async () => {
    const { routing, announced } = recordingRouting();
    const { watcher, deps } = depsWith({ routing });
    await muteCommand('Nightly 2 24h', { userId: 'U1', channelId: 'CTEAM' }, deps);
    expect(watcher.current.mutes).toHaveLength(1);
    expect(announced).toHaveLength(1);
    expect(announced[0]?.channels).toEqual(['CTEAM']);
    const line = textOf(blockById(announced[0]?.message ?? { text: '', blocks: [] }, 'routing_change'));
    expect(line).toContain('<@U1> snoozed *Nightly 2*');
    expect(line).toContain('matches 1 job');
    expect(line).toMatch(/until <!date\^\d+/);
  });

  it.each([
    ['a glob', 'Nightly* 2h'],
    ['longer than 24h', 'Nightly 3 25h'],
  ])('refuses %s to a non-operator, changing nothing', async (_what, text) => {
    const { routing, announced } = recordingRouting();
    const { watcher, deps } = depsWith({ routing });
    await expect(muteCommand(text, here, deps)).rejects.toMatchObject({ code: ErrorCode.CommandUsage });
    expect(watcher.current.mutes).toEqual([]);
    expect(watcher.saved()).toBe(0);
    expect(announced).toHaveLength(0);
  });

  it("lets only an operator lift someone else's mute", async () => {
    const { routing } = recordingRouting();
    const { watcher, deps } = depsWith({ routing });
    await muteCommand('Nightly 3 2h', { userId: 'U2', channelId: 'CALERTS' }, deps);
    await expect(unmuteCommand('Nightly 3', here, deps)).rejects.toMatchObject({
      code: ErrorCode.CommandUsage,
    });
    expect(watcher.current.mutes).toHaveLength(1);
    await unmuteCommand('Nightly 3', { userId: 'UOPS', channelId: 'CALERTS' }, deps);
    expect(watcher.current.mutes).toEqual([]);
  });

  it('asks an operator to confirm a glob matching more than 10 jobs, saying how many', async () => {
    const { routing } = recordingRouting();
    const { watcher, deps } = depsWith({ routing, jobCount: 14 });
    const ops = { userId: 'UOPS', channelId: 'CALERTS' };
    const ask = await muteCommand('Nightly* 2d', ops, deps);
    expect(watcher.current.mutes).toEqual([]);
    expect(textOf(blockById(ask, 'confirm_mute'))).toContain('14 jobs');
    const value = (blockById(ask, 'confirm') as { elements: Array<{ value: string }> }).elements[0]?.value;
    expect(value).toBe('mute "Nightly*" 2d confirm');
    await muteCommand('"Nightly*" 2d confirm', ops, deps);
    expect(watcher.current.mutes.map((m) => m.job)).toEqual(['Nightly*']);
  });

  it('writes an audit log line for every change', async () => {
    const capture = createCapturingLogger();
    const { deps } = depsWith({ logger: capture.logger });
    await muteCommand('Nightly 3 1h', here, deps);
    await unmuteCommand('Nightly 3', here, deps);
    const audit = capture.lines.filter((l) => l['audit'] === true);
    expect(audit.map((l) => [l['user'], l['action'], l['rule']])).toEqual([
      ['U1', 'snoozed', 'Nightly 3'],
      ['U1', 'lifted the mute of', 'Nightly 3'],
    ]);
  });
});

describe('a mute that cannot be saved (disk full)', () => {
  it('is not active, and the answer says nothing changed', async () => {
    const { watcher, deps } = depsWith();
    const full = {
      state: watcher.state,
      persist: async () => {
        throw new AppError(ErrorCode.StateFile, 'ENOSPC: no space left on device');
      },
    };
    const error = await muteCommand('Nightly 3 1h', here, { ...deps, watcher: full }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: ErrorCode.StateFile });
    expect((error as AppError).userMessage).toMatch(/^Not saved, so nothing changed/);
    expect(watcher.current.mutes).toEqual([]);
  });
});
