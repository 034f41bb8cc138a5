import { upLink } from '../../../src/em/lookups.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';
import { muteCommand, unmuteCommand } from '../../../src/commands/handlers/mute.js';
import { subscribeCommand } from '../../../src/commands/handlers/subscribe.js';
import { subscriptionsCommand } from '../../../src/commands/handlers/subscriptions.js';
import { unsubscribeCommand } from '../../../src/commands/handlers/unsubscribe.js';
import { createCatalog } from '../../../src/commands/catalog.js';
import type { CommandContext } from '../../../src/commands/types.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

const channelsOf = (uid: string) => h.withKey(uid).map((m) => m.channel);

/** The subscription commands over the harness's watcher, as the command layer runs them. */
function commandsOver(harness: Harness) {
  const watcher = { state: () => harness.watcher.state(), persist: () => harness.watcher.persist() };
  const catalog = createCatalog({ client: harness.client, clock: harness.clock, ttlMs: 0 });
  const deps = { watcher, clock: harness.clock, logger: silentLogger, catalog };
  return {
    subscribe: (rest: string, c: CommandContext) => subscribeCommand(rest, c, deps),
    list: (c: CommandContext) => subscriptionsCommand('', c, deps),
    unsubscribe: (rest: string, c: CommandContext) => unsubscribeCommand(rest, c, deps),
    mute: (rest: string, c: CommandContext) => muteCommand(rest, c, deps),
    unmute: (rest: string, c: CommandContext) => unmuteCommand(rest, c, deps),
  };
}

async function withCommands() {
  h = await startHarness();
  return commandsOver(h);
}

describe('routing through subscriptions', () => {
  it('routes by type, job glob and level, and ALERT_CHANNEL keeps every alert', async () => {
    const commands = await withCommands();
    await commands.subscribe('type:replica', { userId: 'U1', channelId: 'CREPL' });
    await commands.subscribe('job:"nightly*" level:failed', { userId: 'U1', channelId: 'CNIGHT' });

    const replica = h.stopped({
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      result: 'Warning',
    });
    const nightlyFailed = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    const nightlyWarning = h.stopped({ jobName: 'Nightly SQL', result: 'Warning' });
    const other = h.stopped({ jobName: 'Weekly Archive', result: 'Failed' });
    await h.poll(MINUTE);

    expect(channelsOf(replica.uid).sort()).toEqual([ALERTS, 'CREPL']);
    expect(channelsOf(nightlyFailed.uid).sort()).toEqual([ALERTS, 'CNIGHT']);
    expect(channelsOf(nightlyWarning.uid)).toEqual([ALERTS]);
    expect(channelsOf(other.uid)).toEqual([ALERTS]);
  });

  it('sends one alert to every channel whose subscription matches', async () => {
    const commands = await withCommands();
    await commands.subscribe('type:backup', { userId: 'U1', channelId: 'CA' });
    await commands.subscribe('job:Nightly*', { userId: 'U1', channelId: 'CB' });

    const failed = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(channelsOf(failed.uid).sort()).toEqual(['CA', 'CALERTS', 'CB']);
  });

  it('routes by backup server, case-insensitive', async () => {
    const commands = await withCommands();
    const first = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    const document = await h.client.get(
      h.sim.createSession({ type: 'BackupJobSession', jobName: 'Nightly Backup' }).href,
    );
    const server =
      document.kind === 'session' ? upLink(document.session, 'BackupServerReference')?.name : undefined;
    expect(server).toBeDefined();
    await commands.subscribe('server:no-such-server.tech.local', { userId: 'U1', channelId: 'CNONE' });
    await commands.subscribe(`server:${server?.toUpperCase() ?? ''}`, { userId: 'U1', channelId: 'CSRV' });

    await h.poll(MINUTE);

    expect(channelsOf(first.uid).sort()).toEqual([ALERTS, 'CSRV']);
  });

  it('lists, refuses duplicates and bad options, and unsubscribes back to ALERT_CHANNEL', async () => {
    const commands = await withCommands();
    const here = { userId: 'U1', channelId: 'CREPL' };
    await commands.subscribe('type:replica', here);
    await commands.subscribe('type:replica', here);
    await expect(commands.subscribe('type:tape', here)).rejects.toMatchObject({
      code: ErrorCode.CommandUsage,
    });
    await expect(commands.subscribe('colour:red', here)).rejects.toMatchObject({
      code: ErrorCode.CommandUsage,
    });
    expect(h.watcher.state().subscriptions).toHaveLength(1);
    expect(JSON.stringify(await commands.list(here))).toContain('replica');

    await commands.unsubscribe('1', here);
    const replica = h.stopped({
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      result: 'Failed',
    });
    await h.poll(MINUTE);

    expect(channelsOf(replica.uid)).toEqual([ALERTS]);
    await expect(commands.unsubscribe('1', here)).rejects.toMatchObject({ code: ErrorCode.CommandUsage });
  });
});

describe('exclusive subscriptions', () => {
  it('take the alerts out of ALERT_CHANNEL only when asked for', async () => {
    const commands = await withCommands();
    await commands.subscribe('job:Nightly* exclusive', { userId: 'U1', channelId: 'CNIGHT' });
    const failed = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);
    expect(channelsOf(failed.uid)).toEqual(['CNIGHT']);
  });

  it('fall back to ALERT_CHANNEL when Slack refuses their channel, with one notice naming the subscription', async () => {
    const commands = await withCommands();
    await commands.subscribe('job:Gone* exclusive', { userId: 'U1', channelId: 'CGONE' });
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'is_archived',
      count: 10,
      channel: 'CGONE',
    });
    const first = h.stopped({ jobName: 'Gone Backup', result: 'Failed' });
    await h.poll(MINUTE);
    // At once: the same poll that found the channel broken posts the alert in ALERT_CHANNEL.
    expect(channelsOf(first.uid)).toEqual([ALERTS]);
    await h.poll(MINUTE);
    const second = h.stopped({ jobName: 'Gone Copy', result: 'Failed' });
    await h.poll(MINUTE);

    expect(channelsOf(first.uid)).toEqual([ALERTS]);
    expect(channelsOf(second.uid)).toEqual([ALERTS]);
    const notices = h
      .topLevel(ALERTS)
      .filter((m) => m.blocks?.some((b) => (b as { block_id?: string }).block_id === 'broken_channel'));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]?.blocks)).toContain('Broken subscription: type any · job Gone*');
  });
});

describe('mutes', () => {
  it('silences a job (glob, any case) until the mute ends or is lifted', async () => {
    const commands = await withCommands();
    await commands.mute('nightly* 2h', { userId: 'U1', channelId: ALERTS });

    const muted = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    const loud = h.stopped({ jobName: 'Weekly Archive', result: 'Failed' });
    await h.poll(MINUTE);
    expect(h.withKey(muted.uid)).toHaveLength(0);
    expect(h.withKey(loud.uid)).toHaveLength(1);
    expect(h.watcher.state().alerts[`${muted.uid}|${ALERTS}`]?.status).toBe('muted');

    await h.poll(2 * 60 * MINUTE);
    const later = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);
    expect(h.withKey(later.uid)).toHaveLength(1);
    expect(h.withKey(muted.uid)).toHaveLength(0);
  });

  it('alerts again after unmute', async () => {
    const commands = await withCommands();
    await commands.mute('Nightly Backup 1d', { userId: 'U1', channelId: ALERTS });
    h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);

    await commands.unmute('nightly backup', { userId: 'U1', channelId: ALERTS });
    const after = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);

    expect(h.fake.messages.map((m) => m.metadata?.event_payload['key'])).toEqual([after.uid]);
    await expect(
      commands.mute('Nightly Backup 45d', { userId: 'U1', channelId: ALERTS }),
    ).rejects.toMatchObject({
      code: ErrorCode.CommandUsage,
    });
  });
});

describe('a channel Slack refuses', () => {
  it('does not hold up alerts to the other channels', async () => {
    h = await startHarness({
      wrapChat: (chat) => {
        const refuse = (channel: string) => {
          if (channel === 'CGONE') throw new AppError(ErrorCode.Slack, 'Slack is having trouble');
        };
        return {
          post: async (message) => (refuse(message.channel), chat.post(message)),
          update: async (message) => (refuse(message.channel), chat.update(message)),
          findPosted: async (channel, keys, opts) => (refuse(channel), chat.findPosted(channel, keys, opts)),
        };
      },
    });
    const commands = commandsOver(h);
    await commands.subscribe('job:Gone*', { userId: 'U1', channelId: 'CGONE' });
    const gone = h.stopped({ jobName: 'Gone Backup', result: 'Failed' });
    await h.poll(MINUTE);

    const later = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);
    await h.poll(MINUTE);

    expect(channelsOf(later.uid)).toEqual([ALERTS]);
    expect(h.watcher.state().alerts[`${gone.uid}|CGONE`]?.status).toBe('pending');
    expect(h.watcher.state().lastPollAt).toBe(h.clock.now());
  });
});
