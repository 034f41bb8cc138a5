import { createStateActionLedger } from '../../../src/store/state-action-ledger.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { addJob, jobActionRig } from '../../helpers/job-action-rig.js';
import { sendSlashCommand } from '../../helpers/slack-requests.js';

const CHANNEL = 'COPS';
const THREAD = '1700000000.000100';

describe('job actions through Bolt’s receiver, the fake Slack and the simulator', () => {
  let h: BotHarness;
  let rig: ReturnType<typeof jobActionRig>;

  beforeAll(async () => {
    h = await startBotHarness({}, 5000, {
      jobActions: {
        operators: ['U1', 'S1'],
        emUser: 'operator',
        groups: { S1: ['U7'] },
        followLimits: { intervalMs: 2_000, maxWaitMs: 10 * 60_000 },
      },
    });
    rig = jobActionRig(h, CHANNEL);
    await addJob(h, 'Nightly SQL');
    await addJob(h, 'Broken Files', 'Failed');
  });
  afterAll(() => h.stop());
  const audit = () => createStateActionLedger(h.watcher).history(100);

  it('answers a non-operator in one line naming the operators, with no modal and nothing sent to EM', async () => {
    const answer = await rig.click('retry|Broken Files', 'U9');
    expect(String(answer['text'])).toContain('only operators can retry jobs; ask <@U1>, <!subteam^S1>');
    expect(rig.opens()).toHaveLength(0);
    expect(h.sim.actions()).toEqual([]);
  });

  it('refuses forged, other-user and expired submissions without reaching EM', async () => {
    await rig.click('start|Nightly SQL', 'U7');
    const token = rig.lastToken();
    const view = rig.opens()[0]?.args['view'] as Record<string, unknown>;
    expect(JSON.stringify(view['submit'])).toContain('Start');
    expect(JSON.stringify(view['blocks'])).toContain('Nightly SQL');

    expect((await rig.submit(token, 'U1')).body).toContain('belongs to someone else');
    expect((await rig.submit(`${token}x`, 'U7')).body).toContain('not one of ours');
    h.step(5 * 60_000 + 1);
    expect((await rig.submit(token, 'U7')).body).toContain('expired');
    expect(h.sim.actions()).toEqual([]);
    expect((await audit()).map((e) => e.outcome)).toEqual(
      expect.arrayContaining(['refused_other_user', 'refused_forged', 'refused_expired']),
    );
  });

  it('follows an operator’s retry to the new session: requested, accepted, live progress, result', async () => {
    await rig.click('retry|Broken Files', 'U1', THREAD);
    // No incident for this job: its last result still comes from EM (its run 30 minutes ago), with when.
    expect(JSON.stringify(rig.opens().at(-1)?.args['view'])).toContain('Last result: Failed (<!date^');
    const token = rig.lastToken();
    const before = rig.messages().length;

    expect((await rig.submit(token, 'U1')).status).toBe(200);
    expect((await rig.submit(token, 'U1')).body).toContain('already used');
    await rig.runUntil(() => rig.lines().some((t) => t.includes('finished:')));

    const thread = rig.messages().slice(before);
    expect(thread.every((m) => m.thread_ts === THREAD)).toBe(true);
    expect(thread.map((m) => m.text)).toEqual([
      expect.stringContaining('retry of *Broken Files* requested by user-U1'),
      expect.stringContaining('Enterprise Manager accepted the retry (task task-'),
      expect.stringContaining('Broken Files'),
      expect.stringMatching(/the retry of \*Broken Files\* finished: Success/),
    ]);
    const live = thread[2]!;
    const updates = h.slack.calls.filter((c) => c.method === 'chat.update' && c.args['ts'] === live.ts);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const posted = h.slack.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.args['text']);
    expect(posted).toContainEqual(
      expect.stringMatching(/^:hourglass_flowing_sand: Broken Files@.*: Running$/),
    );
    expect(JSON.stringify(live.blocks)).toContain('Success');
    expect(h.sim.actions()).toEqual([
      expect.objectContaining({ job: 'Broken Files', action: 'retry', user: 'operator', status: 202 }),
    ]);
    await h.slack.waitFor(() =>
      (h.watcher.state().jobActions?.audit ?? []).some((e) => e.outcome === 'session_finished'),
    );
    const steps = (await audit()).filter((e) => e.job === 'Broken Files' && e.user === 'U1');
    expect(steps.map((e) => e.outcome)).toEqual([
      'confirmation_asked',
      'confirmed',
      'task_created',
      'accepted',
      'session_finished',
    ]);
    expect(h.watcher.state().jobActions?.inProgress).toEqual({});
  });

  it('starts once when two confirmations of one job arrive together (two modals, double submit)', async () => {
    await rig.click('start|Nightly SQL', 'U1');
    const first = rig.lastToken();
    await rig.click('start|Nightly SQL', 'U1');
    const second = rig.lastToken();
    expect(second).not.toBe(first);
    const actionsBefore = h.sim.actions().length;

    await Promise.all([rig.submit(first, 'U1'), rig.submit(second, 'U1')]);
    await rig.runUntil(() => rig.lines().some((t) => t.includes('the start of *Nightly SQL* finished')));

    expect(h.sim.actions().slice(actionsBefore)).toEqual([
      expect.objectContaining({ job: 'Nightly SQL', action: 'start', status: 202 }),
    ]);
    expect(rig.lines().filter((t) => t.includes('already in progress'))).toHaveLength(1);
    expect((await audit()).filter((e) => e.outcome === 'refused_in_progress')).toHaveLength(1);
  });

  it('/veeam start <job> opens the modal directly with the command’s trigger_id; the token in it works', async () => {
    const opened = rig.opens().length;
    await sendSlashCommand(h.eventsUrl, {
      text: 'start "Nightly SQL"',
      responseUrl: h.slack.responseUrl('cmd1'),
      userId: 'U1',
      channelId: CHANNEL,
    });
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === 'cmd1'));

    const open = rig.opens()[opened];
    expect(open?.args['trigger_id']).toBe('1.2.3');
    expect(String(h.slack.responses.find((r) => r.id === 'cmd1')?.body['text'])).toContain(
      'confirm in the dialog',
    );
    const before = h.sim.actions().length;
    expect((await rig.submit(rig.lastToken(), 'U1')).status).toBe(200);
    await rig.runUntil(() => h.sim.actions().length > before);
    expect(h.sim.actions().at(-1)).toMatchObject({ job: 'Nightly SQL', action: 'start', user: 'operator' });
  });

  it('/veeam retry <job> from a non-operator answers who to ask and opens nothing', async () => {
    const opened = rig.opens().length;
    await sendSlashCommand(h.eventsUrl, {
      text: 'retry "Broken Files"',
      responseUrl: h.slack.responseUrl('cmd2'),
      userId: 'U9',
      channelId: CHANNEL,
    });
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === 'cmd2'));

    expect(String(h.slack.responses.find((r) => r.id === 'cmd2')?.body['text'])).toContain(
      'only operators can retry',
    );
    expect(rig.opens()).toHaveLength(opened);
  });
});
