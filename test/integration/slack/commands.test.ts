import { waitUntil } from '../../helpers/wait.js';
import { ActionId } from '../../../src/views/ids.js';
import { blockText, mrkdwnTexts, startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
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

  const buttons = (body: Body) =>
    (body.blocks ?? [])
      .flatMap((b) => [
        ...((b['elements'] as Array<Record<string, unknown>> | undefined) ?? []),
        ...(b['accessory'] ? [b['accessory'] as Record<string, unknown>] : []),
      ])
      .filter((e) => e['type'] === 'button');

  it('answers `status <job>` ephemerally, case-insensitively, with or without quotes', async () => {
    for (const text of [
      'status Fileserver02 Replication',
      'status fileserver02 replication',
      'status "Fileserver02 Replication"',
      'STATUS “fileserver02 replication”',
    ]) {
      const reply = await ask(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(blockText(reply)).toContain('Fileserver02 Replication');
      expect(blockText(reply)).toContain('apache02');
      expect(blockText(reply)).toContain('Failed to connect to host esx07');
    }
  });

  it('suggests the closest names as buttons when nothing matches', async () => {
    const reply = await ask('status Fileserver2 Replica');
    const picks = buttons(reply).filter((b) => String(b['action_id']).startsWith(ActionId.PICK_SUGGESTION));
    const pick = picks.find((b) => JSON.stringify(b['text']).includes('Fileserver02 Replication'));
    expect(String(pick?.['value'])).toMatch(/^status uid:urn:veeam:Job:/);
  });

  it.each([
    ['vm apache02', 'apache02'],
    ['failures 24h', 'Fileserver02 Replication'],
    ['running', 'Running now'],
    ['failover', 'Cloud failover'],
    ['cdp', 'CDP'],
    ['help', '/veeam status'],
    ['', '/veeam status'],
  ])('answers `%s`', async (text, expected) => {
    expect(blockText(await ask(text))).toContain(expected);
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
    expect(blockText(reply)).toContain('VSS writer timeout');
    expect(blockText(reply)).toContain(created.uid);
  });

  it.each(['frobnicate', 'failures soon', 'session not-a-uid', 'status'])(
    'explains `%s` in one line with the usage',
    async (text) => {
      const reply = await ask(text);
      expect(reply.response_type).toBe('ephemeral');
      expect(blockText(reply)).toContain(':warning:');
      expect(blockText(reply)).toMatch(/\/veeam help/);
      expect(blockText(reply)).not.toMatch(/at .*\.js:\d+/); // never a stack trace
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
    expect(blockText(await ask('status <!channel> Backup'))).toContain('&lt;!channel&gt; Backup');
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
    expect(blockText(view)).toContain('apache02');
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
    expect(blockText(h.slack.messages.find((m) => m.channel === 'CSHARE') as Body)).toContain('apache02');
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
    const last = shared.blocks?.at(-1) as { block_id?: string; elements?: Array<{ text: string }> };
    expect(last.block_id).toBe('shared_by');
    expect(last.elements?.[0]?.text).toContain('<@U1>');
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
    expect(answer.blocks?.some((b) => b['block_id'] === 'error')).toBe(true);
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
    const live = message.blocks?.find((b) => b['block_id'] === 'following') as
      { elements: Array<{ text: string }> } | undefined;
    expect(live?.elements[0]?.text).toContain('Finished');
    expect(followed()?.finished).toBe(true);
    expect(h.slack.calls.some((c) => c.method === 'chat.update' && c.args['channel'] === 'CFAIL')).toBe(true);
  });

  it('manages subscriptions and mutes per channel', async () => {
    expect(
      blockText(await ask('subscribe type:backup job:"SQL *" level:failed', { channelId: 'CSUB' })),
    ).toContain('SQL *');
    expect(blockText(await ask('mute SQL Nightly 2h', { channelId: 'CSUB' }))).toContain('SQL Nightly');
    const list = blockText(await ask('subscriptions', { channelId: 'CSUB' }));
    expect(list).toContain('SQL *');
    expect(list).toContain('SQL Nightly');
    expect(blockText(await ask('unsubscribe 1', { channelId: 'CSUB' }))).toContain('Removed');
    expect(blockText(await ask('subscribe type:tape', { channelId: 'CSUB' }))).toContain(':warning:');
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
