import { subscribeCommand } from '../../../../src/commands/handlers/subscribe.js';
import { subscriptionsCommand } from '../../../../src/commands/handlers/subscriptions.js';
import { unsubscribeCommand } from '../../../../src/commands/handlers/unsubscribe.js';
import { createManualClock } from '../../../../src/shared/clock.js';
import { createOperatorCheck, OPEN_ROUTING } from '../../../../src/commands/routing-port.js';
import { ErrorCode, UsageError } from '../../../../src/shared/errors.js';
import { blockById, textOf } from '../../views/block-queries.js';
import { createFakeWatcher } from './watcher-fake.js';

const here = { userId: 'U1', channelId: 'CA' };
const elsewhere = { userId: 'U1', channelId: 'CB' };

async function threeSubscriptions() {
  const watcher = createFakeWatcher();
  await subscribeCommand('type:backup', here, { watcher });
  await subscribeCommand('type:replica', elsewhere, { watcher });
  await subscribeCommand('job:Nightly*', here, { watcher });
  return watcher;
}

describe('/veeam subscriptions', () => {
  it('numbers this channel’s subscriptions only, and lists every mute', async () => {
    const watcher = await threeSubscriptions();
    watcher.current.mutes.push({ job: 'Weekly', until: 7_200_000, by: 'U2', channel: 'CB' });
    const reply = await subscriptionsCommand('', here, { watcher, clock: createManualClock(0) });
    const listed = textOf(blockById(reply, 'subscriptions'));
    expect(listed).toContain('backup');
    expect(listed).toContain('Nightly');
    expect(listed).not.toContain('replica');
    expect(textOf(blockById(reply, 'mutes'))).toContain('Weekly');
    expect(textOf(blockById(reply, 'mutes'))).toContain('by <@U2>');
    expect(listed).toContain('by <@U1>');
  });
});

describe('/veeam unsubscribe', () => {
  it('removes subscription n of this channel’s list', async () => {
    const watcher = await threeSubscriptions();
    const reply = await unsubscribeCommand('2', here, { watcher });
    expect(watcher.current.subscriptions.map((s) => s.job ?? s.type)).toEqual(['backup', 'replica']);
    expect(textOf(blockById(reply, 'notice'))).toContain('Removed subscription 2.');
  });

  it('removes all of this channel’s subscriptions and keeps the others', async () => {
    const watcher = await threeSubscriptions();
    await unsubscribeCommand('ALL', here, { watcher });
    expect(watcher.current.subscriptions.map((s) => s.channel)).toEqual(['CB']);
  });

  it("refuses someone else's subscription to a non-operator when OPERATORS is set", async () => {
    const watcher = await threeSubscriptions();
    const routing = { ...OPEN_ROUTING, isOperator: createOperatorCheck(['UOPS']), restricted: true };
    await expect(
      unsubscribeCommand('1', { userId: 'U2', channelId: 'CA' }, { watcher, routing }),
    ).rejects.toMatchObject({ code: ErrorCode.CommandUsage });
    expect(watcher.current.subscriptions).toHaveLength(3);
    await unsubscribeCommand('1', { userId: 'UOPS', channelId: 'CA' }, { watcher, routing });
    expect(watcher.current.subscriptions).toHaveLength(2);
  });

  it.each(['0', '3', 'first', ''])('rejects %j without saving', async (text) => {
    const watcher = await threeSubscriptions();
    await expect(unsubscribeCommand(text, here, { watcher })).rejects.toBeInstanceOf(UsageError);
    expect(watcher.saved()).toBe(3);
  });
});
