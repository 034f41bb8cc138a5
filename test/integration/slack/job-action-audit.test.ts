import { ActionId } from '../../../src/views/ids.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { createCapturingLogger, type CapturingLogger } from '../../helpers/capture-logger.js';
import { addJob, jobActionRig } from '../../helpers/job-action-rig.js';
import { blocksOf, buttonsOf } from '../../helpers/slack-blocks.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

const THREAD = '1700000000.000200';
const labelsOf = (message: Parameters<typeof buttonsOf>[0]) =>
  buttonsOf(message)
    .filter((b) => String(b['action_id']).startsWith(ActionId.JOB_ACTION))
    .map((b) => (b['text'] as { text: string }).text);

/**
 * Job actions through Bolt's receiver, the fake Slack and the simulator, with the commands' logger capturing its
 * JSON lines: the audit trail, the operator check at submission, and which buttons an alert offers.
 */
describe('job actions: audit lines, operators at submission, offered buttons', () => {
  let h: BotHarness;
  let rig: ReturnType<typeof jobActionRig>;
  let log: CapturingLogger;
  // The fake Slack reads this object on each usergroups.users.list: a test changes the group's members.
  const groups: Record<string, string[]> = { S1: ['U7'] };

  beforeAll(async () => {
    h = await startBotHarness({}, 5000, {
      watcher: { kinds: ['backup'] },
      jobActions: {
        operators: ['U1', 'S1'],
        emUser: 'operator',
        groups,
        followLimits: { intervalMs: 2_000, maxWaitMs: 10 * 60_000 },
      },
    });
    // The harness hands these deps to the Slack app as they are: every listener logs through this logger.
    log = createCapturingLogger();
    h.deps.logger = log.logger;
    rig = jobActionRig(h, ALERTS);
    await addJob(h, 'Audited Files', 'Failed');
    await addJob(h, 'Group Job');
  });
  afterAll(() => h.stop());

  const auditLines = () => log.lines.filter((l) => l['audit'] === true);

  it('writes one audit line per step, naming user, job, action and outcome: request, confirmation, result, refusal', async () => {
    const answer = await rig.click('retry|Audited Files', 'U9');
    expect(String(answer['text'])).toContain('only operators');

    await rig.click('retry|Audited Files', 'U1', THREAD);
    const token = rig.lastToken();
    expect((await rig.submit(`${token}x`, 'U1')).body).toContain('not one of ours');
    expect((await rig.submit(token, 'U1')).status).toBe(200);
    await rig.runUntil(() => auditLines().some((l) => l['outcome'] === 'session_finished'));

    const steps = auditLines().map((l) => [l['user'], l['job'], l['action'], l['outcome'], l['msg']]);
    expect(steps).toEqual([
      ['U9', 'Audited Files', 'retry', 'refused_not_operator', 'job action request'],
      ['U1', 'Audited Files', 'retry', 'confirmation_asked', 'job action request'],
      ['U1', '', '', 'refused_forged', 'job action confirmation'],
      ['U1', 'Audited Files', 'retry', 'confirmed', 'job action'],
      ['U1', 'Audited Files', 'retry', 'task_created', 'job action'],
      ['U1', 'Audited Files', 'retry', 'accepted', 'job action'],
      ['U1', 'Audited Files', 'retry', 'session_finished', 'job action'],
    ]);
    // The task's id and the run's result ride along as the detail.
    expect(auditLines().find((l) => l['outcome'] === 'task_created')?.['detail']).toMatch(/^task-/);
    expect(auditLines().find((l) => l['outcome'] === 'session_finished')?.['detail']).toBe('Success');
    expect(auditLines().every((l) => l['level'] === 30)).toBe(true);
    expect(h.sim.actions()).toHaveLength(1);
  });

  it('refuses a confirmation whose submitter left the operators’ user group since the modal opened: nothing reaches EM', async () => {
    const actionsBefore = h.sim.actions().length;
    // U7 is an operator through S1; the group's members are cached for five minutes from the first look.
    await rig.click('start|Group Job', 'U7');
    h.step(4 * MINUTE);
    await rig.click('start|Group Job', 'U7');
    const token = rig.lastToken(); // valid until 4 + 5 minutes
    groups['S1'] = [];
    h.step(MINUTE + 1); // the cache is older than five minutes: the next check asks Slack again

    const answer = await rig.submit(token, 'U7');

    expect(answer.body).toContain('You are no longer an operator; nothing was done.');
    expect(h.sim.actions()).toHaveLength(actionsBefore);
    expect(rig.lines().some((t) => t.includes('Group Job') && t.includes('requested by'))).toBe(false);
    expect(auditLines().at(-1)).toMatchObject({
      audit: true,
      user: 'U7',
      job: 'Group Job',
      action: 'start',
      outcome: 'refused_not_operator',
    });
    expect(h.watcher.state().jobActions?.audit?.at(-1)).toMatchObject({
      user: 'U7',
      job: 'Group Job',
      outcome: 'refused_not_operator',
    });
  });

  /** A run of `jobName` that stopped with `result`, alerted by one poll: the alert's root message. */
  async function alertRun(jobName: string, result: string) {
    h.step(MINUTE);
    h.stoppedSession(jobName, result);
    await h.watcher.runOnce();
    const root = h.slack.messages.find(
      (m) => m.channel === ALERTS && !m.thread_ts && m.text.includes(jobName),
    );
    expect(root).toBeDefined();
    return root;
  }

  it('offers Retry on a Failed alert only: a Warning alert of the same kind of job gets Start and Stop', async () => {
    await addJob(h, 'Warned Backup');
    const warned = await alertRun('Warned Backup', 'Warning');
    expect(labelsOf(warned)).toEqual(['Start', 'Stop']);
    const failed = await alertRun('Failed Backup', 'Failed');
    expect(labelsOf(failed)).toEqual(['Retry', 'Start', 'Stop']);
  });

  it('offers only the buttons a job type’s links allow: a failed backup copy job (sync, no start or retry) gets Stop', async () => {
    const res = await fetch(`${h.sim.origin}/_sim/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Offsite Copy', type: 'BackupCopy', lastRunMinutesAgo: 30 }),
    });
    expect(res.status).toBe(201);
    const root = await alertRun('Offsite Copy', 'Failed');
    expect(labelsOf(root)).toEqual(['Stop']);
    expect(blocksOf(root).some((b) => b.block_id === 'job_actions')).toBe(true);
  });
});
