import type { Logger } from '../../../src/shared/logger.js';
import { createWatcher } from '../../../src/watcher/watcher.js';
import { blockById, blocksOf, textOf, type WithBlocks } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';

let h: Harness;
afterEach(() => h.stop());

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** A Logger that keeps what it is given, to assert what an operator would read. */
function recordingLogger(lines: LogLine[]): Logger {
  const at =
    (level: LogLine['level']) =>
    (fields: object, message = '') =>
      void lines.push({ level, fields: fields as Record<string, unknown>, message });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/** The harness with a watcher that logs into `lines`, and `Gone*` jobs routed to CGONE. */
async function startWithLog(lines: LogLine[]): Promise<void> {
  h = await startHarness({ noStart: true });
  h.watcher = createWatcher({
    client: h.client,
    chat: h.chat,
    store: h.store,
    clock: h.clock,
    logger: recordingLogger(lines),
    config: h.config,
  });
  await h.watcher.start();
  h.watcher.state().subscriptions.push({ id: 1, channel: 'CGONE', job: 'Gone*', exclusive: true });
}

const statusOf = (uid: string, channel: string) => h.watcher.state().alerts[`${uid}|${channel}`]?.status;
const notices = () =>
  h.topLevel(ALERTS).filter((m) => blocksOf(m).some((b) => b.block_id === 'broken_channel'));
/** The visible text of the block with this id (the test fails when the message has no such block). */
const textById = (message: WithBlocks | undefined, id: string): string => textOf(blockById(message, id));

describe('a channel Slack refuses for good', () => {
  it('marks its alerts failed at once, logs the channel and the fix, and posts one notice to ALERT_CHANNEL', async () => {
    const lines: LogLine[] = [];
    await startWithLog(lines);
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'not_in_channel',
      count: 10,
      channel: 'CGONE',
    });
    const gone = h.stopped({ jobName: 'Gone Backup', result: 'Failed' });
    const other = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });

    await h.poll(MINUTE);
    const again = h.stopped({ jobName: 'Gone Copy', result: 'Failed' });
    await h.poll(MINUTE);

    expect(statusOf(gone.uid, 'CGONE')).toBe('failed');
    expect(statusOf(again.uid, 'CGONE')).toBe('failed');
    expect(statusOf(other.uid, ALERTS)).toBe('sent');
    const [notice, ...more] = notices();
    expect(more).toHaveLength(0);
    expect(textById(notice, 'broken_channel')).toContain('<#CGONE>');
    expect(textById(notice, 'broken_channel')).toContain('not_in_channel');
    expect(textById(notice, 'broken_channel_fix')).toContain('/invite the bot');
    const errors = lines.filter((l) => l.level === 'error' && l.fields['channel'] === 'CGONE');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.fields).toMatchObject({ slackCode: 'not_in_channel' });
    expect(String(errors[0]?.fields['fix'])).toContain('/invite the bot to CGONE');
  });

  it('does not retry a failed alert, and reports the channel again after it worked in between', async () => {
    await startWithLog([]);
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'is_archived',
      count: 1,
      channel: 'CGONE',
    });
    h.stopped({ jobName: 'Gone Backup', result: 'Failed' });
    await h.poll(MINUTE);
    const posts = () =>
      h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'CGONE');
    expect(posts()).toHaveLength(1);

    await h.poll(MINUTE);
    expect(posts()).toHaveLength(1);
    h.stopped({ jobName: 'Gone Job Two', result: 'Failed' });
    await h.poll(MINUTE);
    expect(h.topLevel('CGONE')).toHaveLength(1);
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'is_archived',
      count: 1,
      channel: 'CGONE',
    });
    h.stopped({ jobName: 'Gone Job Three', result: 'Failed' });
    await h.poll(MINUTE);

    expect(notices()).toHaveLength(2);
    expect(textById(notices()[0], 'broken_channel_fix')).toContain('unarchive');
  });

  it('when ALERT_CHANNEL is the broken one: only the log says so, at error level, once per episode', async () => {
    const lines: LogLine[] = [];
    await startWithLog(lines);
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'channel_not_found',
      count: 100,
      channel: ALERTS,
    });
    const first = h.stopped({ jobName: 'Nightly Backup', result: 'Failed' });
    await h.poll(MINUTE);
    const second = h.stopped({ jobName: 'Weekly Archive', result: 'Failed' });
    await h.poll(MINUTE);

    expect(statusOf(first.uid, ALERTS)).toBe('failed');
    expect(statusOf(second.uid, ALERTS)).toBe('failed');
    expect(h.fake.messages).toHaveLength(0);
    const errors = lines.filter((l) => l.level === 'error' && l.fields['channel'] === ALERTS);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('ALERT_CHANNEL');
  });

  it('fails a pending alert whose channel history Slack refuses for good', async () => {
    await startWithLog([]);
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'fatal_error',
      count: 1,
      channel: 'CGONE',
    });
    const gone = h.stopped({ jobName: 'Gone Backup', result: 'Failed' });
    await h.poll(MINUTE);
    expect(statusOf(gone.uid, 'CGONE')).toBe('pending');

    h.fake.fail({
      method: 'conversations.history',
      kind: 'error',
      error: 'channel_not_found',
      count: 1,
      channel: 'CGONE',
    });
    await h.poll(MINUTE);

    expect(statusOf(gone.uid, 'CGONE')).toBe('failed');
    expect(notices()).toHaveLength(1);
  });
});

describe('a channel Slack refuses for now', () => {
  it('keeps its alerts pending and posts them once Slack accepts again', async () => {
    await startWithLog([]);
    h.fake.fail({
      method: 'chat.postMessage',
      kind: 'error',
      error: 'fatal_error',
      count: 1,
      channel: 'CGONE',
    });
    const gone = h.stopped({ jobName: 'Gone Backup', result: 'Failed' });
    await h.poll(MINUTE);
    expect(statusOf(gone.uid, 'CGONE')).toBe('pending');

    await h.poll(MINUTE);

    expect(statusOf(gone.uid, 'CGONE')).toBe('sent');
    expect(h.withKey(gone.uid)).toHaveLength(1);
    expect(notices()).toHaveLength(0);
  });
});
