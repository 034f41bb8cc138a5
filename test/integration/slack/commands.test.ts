import { waitUntil } from '../../helpers/wait.js';
import { ActionId } from '../../../src/views/ids.js';
import { mrkdwnTexts, startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { blockById, blocksOf, blockTexts, buttonsOf as buttons, textOf } from '../../helpers/slack-blocks.js';
import { sendButtonClick, sendSlashCommand } from '../../helpers/slack-requests.js';

type Body = { blocks?: Array<Record<string, unknown>>; text?: string; response_type?: string };

describe('/veeam over Bolt’s HTTP receiver', () => {
  let h: BotHarness;
  let n = 0;

  beforeAll(async () => {
    h = await startBotHarness();
    h.sim.createSession({
      type: 'ReplicaJobSession',
      jobName: 'Fileserver02 Replication',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'apache02', result: 'Failed', reason: 'Failed to connect to host esx07' }],
    });
  });
  afterAll(() => h.stop());

  /** Sends a command, checks it was acked, and returns the reply that came through response_url. */
  async function ask(text: string, extra: { userId?: string; channelId?: string } = {}): Promise<Body> {
    const id = `r${++n}`;
    const { status } = await sendSlashCommand(h.eventsUrl, {
      text,
      responseUrl: h.slack.responseUrl(id),
      ...extra,
    });
    expect(status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
    return h.slack.responses.find((r) => r.id === id)?.body as Body;
  }

  it('answers `status <job>` ephemerally, case-insensitively, with or without quotes', async () => {
    for (const text of [
      'status Fileserver02 Replication',
      'status fileserver02 replication',
      'status "Fileserver02 Replication"',
      'STATUS “fileserver02 replication”',
    ]) {
      const reply = await ask(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(textOf(blockById(reply, 'header'))).toBe('Fileserver02 Replication');
      const newest = textOf(blockById(reply, 'item:session:0'));
      expect(newest).toContain('*apache02*');
      expect(newest).toContain('Failed to connect to host esx07');
    }
  });

  it('suggests the closest names as buttons when nothing matches', async () => {
    const reply = await ask('status Fileserver2 Replica');
    const picks = buttons(reply).filter((b) => String(b['action_id']).startsWith(ActionId.PICK_SUGGESTION));
    const label = (b: Record<string, unknown>) => (b['text'] as { text?: string } | undefined)?.text;
    const pick = picks.find((b) => String(label(b)).startsWith('Fileserver02 Replication'));
    expect(String(pick?.['value'])).toMatch(/^status uid:urn:veeam:Job:/);
    expect(textOf(blockById(reply, 'intro'))).toContain('*Fileserver2 Replica*');
  });

  it.each([
    ['vm apache02', 'VM apache02', 'item:task:', 'Fileserver02 Replication'],
    ['failures 24h', 'Failures and warnings', 'item:job:', 'Fileserver02 Replication'],
    ['running', 'Running now', 'item:job:', undefined],
    ['failover', 'Cloud failover', 'item:failover:', undefined],
    ['cdp', 'CDP policies', 'item:cdp:', undefined],
  ])('answers `%s` with its title and its items', async (text, title, itemPrefix, item) => {
    const reply = await ask(text);
    expect(textOf(blockById(reply, 'header'))).toContain(title);
    const items = blockTexts({
      blocks: reply.blocks?.filter((b) => String(b['block_id']).startsWith(itemPrefix)),
    });
    expect(items.length).toBeGreaterThan(0);
    if (item) expect(items.some((t) => t.includes(item))).toBe(true);
  });

  it.each(['help', ''])('answers `%s` with the command list', async (text) => {
    const reply = await ask(text);
    expect(textOf(blockById(reply, 'header'))).toContain('/veeam commands');
    expect(textOf(blockById(reply, 'usage'))).toContain('`/veeam status &lt;job or policy&gt;`');
  });

  it('answers `session <uid>` with the session and its task sessions', async () => {
    const created = h.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'SQL Nightly',
      state: 'Stopped',
      result: 'Warning',
      tasks: [{ vmName: 'sql01', result: 'Warning', reason: 'VSS writer timeout' }],
    });
    const reply = await ask(`session ${created.uid}`);
    expect(textOf(blockById(reply, 'tasks'))).toContain('*sql01* — VSS writer timeout');
    expect(textOf(blockById(reply, 'uid'))).toContain(`UID \`${created.uid}\``);
  });

  it.each(['frobnicate', 'failures soon', 'session not-a-uid', 'status'])(
    'explains `%s` in one line with the usage',
    async (text) => {
      const reply = await ask(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(textOf(blockById(reply, 'error'))).toMatch(/^:warning: [^\n]+$/);
      expect(textOf(blockById(reply, 'usage'))).toContain('`/veeam help`');
      expect(blockTexts(reply).join('\n')).not.toMatch(/at .*\.js:\d+/); // never a stack trace
    },
  );

  it('escapes hostile names so nobody is pinged and no link is made', async () => {
    h.sim.createSession({
      type: 'BackupJobSession',
      jobName: '<!channel> Backup',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: '<!here>', result: 'Failed', reason: '<https://evil.example|click> & more' }],
    });
    for (const text of ['status <!channel> Backup', 'vm <!here>', 'status <https://evil.example|x>']) {
      // plain_text (headers, button labels) is never parsed by Slack; every mrkdwn text must be escaped.
      const reply = mrkdwnTexts(await ask(text)).join('\n');
      expect(reply).not.toMatch(/<!channel>|<!here>|<https:\/\/evil/);
    }
    const hostile = await ask('status <!channel> Backup');
    expect(textOf(blockById(hostile, 'item:session:0'))).toContain('*&lt;!channel&gt; Backup@');
    expect(textOf(blockById(hostile, 'item:session:0'))).toContain(
      '&lt;https://evil.example|click&gt; &amp; more',
    );
  });

  it('follows a link button and answers with that object’s view', async () => {
    const reply = await ask('status Fileserver02 Replication');
    const details = buttons(reply).find((b) => String(b['action_id']).startsWith(ActionId.FOLLOW_LINK));
    expect(details).toBeDefined();
    const id = `click${++n}`;
    const { status } = await sendButtonClick(h.eventsUrl, {
      actionId: String(details?.['action_id']),
      value: String(details?.['value']),
      responseUrl: h.slack.responseUrl(id),
    });
    expect(status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
    const view = h.slack.responses.find((r) => r.id === id)?.body as Body;
    expect(textOf(blockById(view, 'header'))).toContain('Fileserver02 Replication');
    expect(textOf(blockById(view, 'tasks'))).toContain('*apache02* — Failed to connect to host esx07');
  });

  it('shares a view in the channel with `Share in channel`', async () => {
    const reply = await ask('vm apache02');
    const share = buttons(reply).find((b) => String(b['action_id']).startsWith(ActionId.SHARE_IN_CHANNEL));
    await sendButtonClick(h.eventsUrl, {
      actionId: String(share?.['action_id']),
      value: String(share?.['value']),
      responseUrl: h.slack.responseUrl(`s${++n}`),
      channelId: 'CSHARE',
    });
    await h.slack.waitFor(() => h.slack.messages.some((m) => m.channel === 'CSHARE'));
    const shared = h.slack.messages.find((m) => m.channel === 'CSHARE') as Body;
    expect(textOf(blockById(shared, 'header'))).toBe('VM apache02');
    expect(textOf(blockById(shared, 'item:task:0'))).toContain('Failed to connect to host esx07');
  });

  it('shares a copy without the Share button, saying who shared it under the content', async () => {
    const reply = await ask('vm apache02');
    const share = buttons(reply).find((b) => String(b['action_id']).startsWith(ActionId.SHARE_IN_CHANNEL));
    await sendButtonClick(h.eventsUrl, {
      actionId: String(share?.['action_id']),
      value: String(share?.['value']),
      responseUrl: h.slack.responseUrl(`s${++n}`),
      channelId: 'CSHARE2',
      userId: 'U1',
    });
    await h.slack.waitFor(() => h.slack.messages.some((m) => m.channel === 'CSHARE2'));
    const shared = h.slack.messages.find((m) => m.channel === 'CSHARE2') as Body;

    expect(buttons(shared).some((b) => String(b['action_id']).startsWith(ActionId.SHARE_IN_CHANNEL))).toBe(
      false,
    );
    const last = blocksOf(shared).at(-1);
    expect(last?.block_id).toBe('shared_by');
    expect(textOf(blockById(shared, 'shared_by'))).toContain('<@U1>');
    expect(shared.text).not.toMatch(/^<@U1>/);
  });

  it('answers the clicker instead of sharing an error answer', async () => {
    const id = `s${++n}`;
    await sendButtonClick(h.eventsUrl, {
      actionId: `${ActionId.SHARE_IN_CHANNEL}:0`,
      value: 'session not-a-uid',
      responseUrl: h.slack.responseUrl(id),
      channelId: 'CSHARE3',
    });
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
    const answer = h.slack.responses.find((r) => r.id === id)?.body as Body;

    expect(answer.response_type).toBe('ephemeral');
    expect(textOf(blockById(answer, 'error'))).toMatch(/^:warning: /);
    expect(h.slack.messages.some((m) => m.channel === 'CSHARE3')).toBe(false);
  });

  it('follows a running failover: posts it in the channel, and the watcher’s polls update it until it stops', async () => {
    const failover = h.sim.createSession({
      type: 'CloudFailoverSession',
      jobName: 'ABC Failover Plan',
      state: 'Working',
      tasks: [{ vmName: 'filesrv03', state: 'Working' }],
    });
    const reply = await ask('failover ABC Failover Plan');
    const follow = buttons(reply).find((b) => String(b['action_id']).startsWith(ActionId.FOLLOW_FAILOVER));
    expect(follow?.['value']).toBe(failover.href);
    await sendButtonClick(h.eventsUrl, {
      actionId: String(follow?.['action_id']),
      value: failover.href,
      responseUrl: h.slack.responseUrl(`f${++n}`),
      channelId: 'CFAIL',
    });
    const followed = () => Object.values(h.watcher.state().failovers).find((r) => r.channel === 'CFAIL');
    await h.slack.waitFor(() => followed() !== undefined);
    h.sim.updateSession(failover.id, {
      state: 'Stopped',
      result: 'Success',
      tasks: [{ vmName: 'filesrv03', state: 'Stopped', result: 'Success', progress: 100 }],
    });

    await h.watcher.runOnce();

    const message = h.slack.messages.find((m) => m.channel === 'CFAIL') as Body;
    expect(textOf(blockById(message, 'following'))).toContain('Finished');
    expect(followed()?.finished).toBe(true);
    expect(h.slack.calls.some((c) => c.method === 'chat.update' && c.args['channel'] === 'CFAIL')).toBe(true);
  });

  it('manages subscriptions and mutes per channel', async () => {
    const notice = async (text: string) =>
      textOf(blockById(await ask(text, { channelId: 'CSUB' }), 'notice'));
    expect(await notice('subscribe type:backup job:"SQL *" level:failed')).toContain('job SQL *');
    expect(await notice('mute SQL Nightly 2h')).toContain('*SQL Nightly*');
    const list = await ask('subscriptions', { channelId: 'CSUB' });
    expect(textOf(blockById(list, 'subscriptions'))).toContain('*1.* type `backup` · job `SQL *`');
    expect(textOf(blockById(list, 'mutes'))).toContain('*SQL Nightly*');
    expect(await notice('unsubscribe 1')).toContain('Removed subscription 1');
    const refused = await ask('subscribe type:tape', { channelId: 'CSUB' });
    expect(textOf(blockById(refused, 'error'))).toMatch(/^:warning: type must be one of/);
  });

  it('rejects a request with a bad signature', async () => {
    const { status } = await sendSlashCommand(
      h.eventsUrl,
      { text: 'help', responseUrl: h.slack.responseUrl('bad') },
      'wrong-secret',
    );
    expect(status).toBe(401);
    expect(h.slack.responses.some((r) => r.id === 'bad')).toBe(false);
  });
});

describe('/veeam with a slow Enterprise Manager and access rules', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ allowedUsers: ['U1'] }, 10_000, { emGate: true });
  });
  afterAll(() => h.stop());

  it('acks within Slack’s 3 seconds while EM has not answered yet, then answers', async () => {
    const gate = h.gate;
    if (!gate) throw new Error('the harness was started without its EM gate');
    gate.close();
    const { status, ms } = await sendSlashCommand(h.eventsUrl, {
      text: 'running',
      responseUrl: h.slack.responseUrl('slow'),
    });
    expect(status).toBe(200);
    expect(ms).toBeLessThan(3000);
    // The work reached EM and is still waiting for it: the ack did not wait for the work.
    await waitUntil(() => gate.held() > 0);
    expect(h.slack.responses.some((r) => r.id === 'slow')).toBe(false);
    gate.open();
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === 'slow'));
  });

  it('politely refuses users outside ALLOWED_USERS', async () => {
    await sendSlashCommand(h.eventsUrl, {
      text: 'help',
      responseUrl: h.slack.responseUrl('denied'),
      userId: 'U2',
    });
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === 'denied'));
    expect(String(h.slack.responses.find((r) => r.id === 'denied')?.body['text'])).toMatch(
      /not enabled for you/,
    );
  });
});
