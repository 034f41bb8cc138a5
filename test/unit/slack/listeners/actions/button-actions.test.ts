import type { CommandDeps } from '../../../../../src/commands/types.js';
import type { RunningSimulator } from '../../../../../src/simulator/index.js';
import { NOT_ALLOWED_TEXT } from '../../../../../src/slack/access.js';
import {
  ackOnly,
  createButtonListener,
  type ButtonArgs,
} from '../../../../../src/slack/listeners/actions/button-actions.js';
import { ActionId } from '../../../../../src/views/ids.js';
import { buttonsOf } from '../../../views/block-queries.js';
import { createFakes, startCommandDeps, type Event } from '../listener-fakes.js';

let sim: RunningSimulator;
let deps: CommandDeps;
let webBackup: { href: string };
beforeAll(async () => {
  ({ sim, deps } = await startCommandDeps());
  webBackup = sim.createSession({
    type: 'BackupJobSession',
    jobName: 'Web Backup',
    state: 'Stopped',
    result: 'Failed',
    tasks: [{ vmName: 'apache02', result: 'Failed', reason: 'disk full' }],
  });
});
afterAll(async () => {
  await deps.client.close();
  await sim.stop();
});

/** A click as Bolt hands it to the listener; `channelMessageTs` makes the clicked message a channel one. */
function click(
  fakes: ReturnType<typeof createFakes>,
  actionId: string,
  value: string,
  options: { userId?: string; channelMessageTs?: string } = {},
): ButtonArgs {
  const ts = options.channelMessageTs;
  return {
    ack: fakes.ack,
    respond: fakes.respond,
    action: { type: 'button', action_id: `${actionId}:0`, value },
    body: {
      user: { id: options.userId ?? 'U1' },
      channel: { id: 'C1' },
      container: { is_ephemeral: ts === undefined },
      ...(ts ? { message: { ts } } : {}),
    },
  } as never;
}

async function run(
  fakes: ReturnType<typeof createFakes>,
  args: ButtonArgs,
  access: { allowedUsers?: string[] } = {},
) {
  const listener = createButtonListener({
    commands: deps,
    access: { allowedChannels: undefined, allowedUsers: access.allowedUsers },
    queue: fakes.queue,
    chat: fakes.chat,
    follow: fakes.follow,
  });
  await listener(args);
}

const kinds = (events: Event[]) => events.map((e) => e.kind);
const posts = (events: Event[]) => events.flatMap((e) => (e.kind === 'post' ? [e.message] : []));

describe('the button listener', () => {
  it('acks first, and refuses users outside ALLOWED_USERS without doing the work', async () => {
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.SHARE_IN_CHANNEL, 'help', { userId: 'U2' }), {
      allowedUsers: ['U1'],
    });
    expect(kinds(fakes.events)).toEqual(['ack', 'respond']);
    expect(fakes.responses()[0]?.text).toBe(NOT_ALLOWED_TEXT);
  });

  it('answers a link button with the linked object’s view, ephemerally', async () => {
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.FOLLOW_LINK, webBackup.href));
    const [body] = fakes.events.filter((e) => e.kind === 'respond').map((e) => e.body);
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(body?.['text'])).toContain('Web Backup');
  });

  it('runs a suggestion’s command in place of the suggestions', async () => {
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.PICK_SUGGESTION, 'help'));
    const [body] = fakes.events.filter((e) => e.kind === 'respond').map((e) => e.body);
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
  });

  it('shares a copy without the Share button, with who shared it, and removes the ephemeral answer', async () => {
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.SHARE_IN_CHANNEL, 'vm apache02'));
    const [shared] = posts(fakes.events);
    const actionIds = buttonsOf({ text: '', blocks: shared?.blocks ?? [] }).map((b) => b.action_id ?? '');
    expect(shared?.channel).toBe('C1');
    expect(actionIds.length).toBeGreaterThan(0);
    expect(actionIds.filter((id) => id.startsWith(ActionId.SHARE_IN_CHANNEL))).toEqual([]);
    expect(shared?.blocks?.at(-1)).toMatchObject({
      block_id: 'shared_by',
      elements: [{ text: 'Shared by <@U1>' }],
    });
    expect(fakes.responses()).toEqual([{ delete_original: true }]);
  });

  it('answers the clicker, and posts nothing, when the shared command now answers an error', async () => {
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.SHARE_IN_CHANNEL, 'frobnicate'));
    expect(posts(fakes.events)).toHaveLength(0);
    expect(
      (fakes.responses()[0]?.blocks as Array<{ block_id?: string }>).some((b) => b.block_id === 'error'),
    ).toBe(true);
  });

  it('tells the clicker to invite the bot when Slack answers not_in_channel', async () => {
    const fakes = createFakes({ refuse: 'not_in_channel' });
    await run(fakes, click(fakes, ActionId.SHARE_IN_CHANNEL, 'vm apache02'));
    expect(fakes.responses()).toHaveLength(1);
    expect(fakes.responses()[0]?.text).toContain('invite');
  });

  it('follows a failover from an ephemeral answer: posts it in the channel and hands it to the watcher', async () => {
    const failover = sim.createSession({
      type: 'CloudFailoverSession',
      jobName: 'DR Plan',
      state: 'Working',
      tasks: [{ vmName: 'filesrv03', state: 'Working' }],
    });
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.FOLLOW_FAILOVER, failover.href));
    expect(kinds(fakes.events)).toEqual(['ack', 'post', 'follow']);
    expect(fakes.events.at(-1)).toMatchObject({ channel: 'C1', ts: '1.000001', uid: failover.uid });
  });

  it('follows a failover shown in a channel message by updating that message', async () => {
    const failover = sim.createSession({ type: 'CloudFailoverSession', jobName: 'DR 2', state: 'Working' });
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.FOLLOW_FAILOVER, failover.href, { channelMessageTs: '9.000009' }));
    expect(kinds(fakes.events)).toEqual(['ack', 'update', 'follow']);
    expect(fakes.events.at(-1)).toMatchObject({ ts: '9.000009' });
  });

  it('follows nothing when the link is not a failover session', async () => {
    const fakes = createFakes();
    await run(fakes, click(fakes, ActionId.FOLLOW_FAILOVER, webBackup.href));
    expect(kinds(fakes.events)).toEqual(['ack', 'respond']);
  });

  it('only acks a url button', async () => {
    const fakes = createFakes();
    await ackOnly({ ack: fakes.ack });
    expect(kinds(fakes.events)).toEqual(['ack']);
  });
});

describe('the button listener on the App Home tab', () => {
  /** A Home click: no channel, no response_url (Slack sends neither for the Home tab). */
  function homeClick(fakes: ReturnType<typeof createFakes>, actionId: string, value: string, userId = 'U1') {
    return {
      ack: fakes.ack,
      respond: async () => {
        throw new Error('a Home click has no response_url');
      },
      action: { type: 'button', action_id: `${actionId}:0`, value },
      body: { user: { id: userId }, container: { type: 'view' } },
    } as never;
  }

  it('answers a Home button in the bot’s direct message with the clicker', async () => {
    const fakes = createFakes();
    await run(fakes, homeClick(fakes, ActionId.PICK_SUGGESTION, 'help'));
    const [dm] = posts(fakes.events);
    expect(dm?.channel).toBe('U1');
    expect(dm?.text).toMatch(/veeam/i);
    expect(kinds(fakes.events)).toEqual(['ack', 'post']);
  });

  it('refuses a user outside ALLOWED_USERS by direct message', async () => {
    const refused = createFakes();
    await run(refused, homeClick(refused, ActionId.PICK_SUGGESTION, 'help', 'U2'), { allowedUsers: ['U1'] });
    expect(posts(refused.events)).toEqual([
      expect.objectContaining({ channel: 'U2', text: NOT_ALLOWED_TEXT }),
    ]);
  });
});
