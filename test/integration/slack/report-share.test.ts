import { ActionId } from '../../../src/views/ids.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { decodePng } from '../../helpers/png-decode.js';
import { blockById, buttonsOf as buttons, textOf } from '../../helpers/slack-blocks.js';
import { sendButtonClick, sendSlashCommand } from '../../helpers/slack-requests.js';

type Body = { blocks?: Array<Record<string, unknown>>; text?: string; response_type?: string };

describe('/veeam report through Bolt, shared with its chart', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness();
    h.sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Exchange Backup',
      state: 'Stopped',
      result: 'Failed',
    });
  });
  afterAll(() => h.stop());

  it('answers ephemerally without uploading; Share posts the digest and uploads both charts into it', async () => {
    const { status } = await sendSlashCommand(h.eventsUrl, {
      text: 'report',
      responseUrl: h.slack.responseUrl('report'),
    });
    expect(status).toBe(200);
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === 'report'), 30_000);
    const reply = h.slack.responses.find((r) => r.id === 'report')?.body as Body;
    expect(reply.response_type).toBe('ephemeral');
    expect(textOf(blockById(reply, 'digest:summary'))).toContain('Last 24h');
    expect(h.slack.files).toHaveLength(0);

    const share = buttons(reply).find((b) => String(b['action_id']).startsWith(ActionId.SHARE_IN_CHANNEL));
    expect(share?.['value']).toBe('report 24h');
    await sendButtonClick(h.eventsUrl, {
      actionId: String(share?.['action_id']),
      value: String(share?.['value']),
      responseUrl: h.slack.responseUrl('share'),
      channelId: 'CREPORT',
      userId: 'U1',
    });
    await h.slack.waitFor(() => {
      const shared = h.slack.messages.find((m) => m.channel === 'CREPORT') as Body | undefined;
      return (shared?.blocks ?? []).some((b) => b['type'] === 'image');
    }, 30_000);

    // The simulator has repositories: the 7-day chart, then repository usage, each through the three calls.
    const flow = ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'];
    const uploads = h.slack.calls.map((c) => c.method).filter((m) => flow.includes(m));
    expect(uploads).toEqual([...flow, ...flow]);
    expect(h.slack.files.map((f) => f.filename)).toEqual([
      expect.stringMatching(/^digest-\d{4}-\d{2}-\d{2}\.png$/),
      expect.stringMatching(/^digest-\d{4}-\d{2}-\d{2}-repositories\.png$/),
    ]);
    const shared = h.slack.messages.find((m) => m.channel === 'CREPORT') as Body;
    const blockIds = ['digest:chart', 'digest:repositories_chart'];
    h.slack.files.forEach((file, i) => {
      expect(file.completed).toBe(true);
      expect(decodePng(file.bytes ?? Buffer.alloc(0))).toMatchObject({ width: 1200, height: 675 });
      expect(file.length).toBe(file.bytes?.length);
      const image = blockById(shared, blockIds[i] ?? '') as { slack_file?: { id: string } };
      expect(image.slack_file?.id).toBe(file.id);
    });
    expect(textOf(blockById(shared, 'shared_by'))).toContain('<@U1>');
    expect(buttons(shared).some((b) => String(b['action_id']).startsWith(ActionId.SHARE_IN_CHANNEL))).toBe(
      false,
    );
  }, 60_000);
});
