import { ActionId } from '../../../src/views/ids.js';
import { createStateActionLedger } from '../../../src/store/state-action-ledger.js';
import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { jobActionRig } from '../../helpers/job-action-rig.js';
import { blocksOf, buttonsOf } from '../../helpers/slack-blocks.js';
import { sendButtonClick, sendSlashCommand } from '../../helpers/slack-requests.js';
import { ALERTS, MINUTE } from '../../helpers/watcher-harness.js';

type Body = { blocks?: unknown[]; text?: string };

/** Sends `/veeam <text>` and waits for its answer. */
async function command(h: BotHarness, text: string, id: string): Promise<Body> {
  await sendSlashCommand(h.eventsUrl, { text, responseUrl: h.slack.responseUrl(id) });
  await h.slack.waitFor(() => h.slack.responses.some((r) => r.id === id));
  return (h.slack.responses.find((r) => r.id === id)?.body ?? {}) as Body;
}

/** A Failed run of a job the simulator knows (so its entity has action links), alerted by one poll. */
async function alertFailedRun(h: BotHarness, jobName: string) {
  h.sim.clock.advance(MINUTE);
  h.clock.advance(MINUTE);
  h.stoppedSession(jobName, 'Failed');
  await h.watcher.runOnce();
  const root = h.slack.messages.find((m) => m.channel === ALERTS && !m.thread_ts && m.text.includes(jobName));
  expect(root).toBeDefined();
  return root;
}

const jobActionButtons = (message: Parameters<typeof buttonsOf>[0]) =>
  buttonsOf(message).filter((b) => String(b['action_id']).startsWith(ActionId.JOB_ACTION));

describe('job action buttons on alerts', () => {
  it('JOB_ACTIONS off → no action buttons at all', async () => {
    const h = await startBotHarness({}, 5000, { watcher: { kinds: ['backup'] } });
    try {
      const root = await alertFailedRun(h, 'Quiet Backup');
      expect(blocksOf(root).some((b) => b.block_id === 'job_actions')).toBe(false);
      expect(jobActionButtons(root)).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it('JOB_ACTIONS on → Retry on a Failed alert, with Start and Stop from the job’s links', async () => {
    const h = await startBotHarness({}, 5000, {
      watcher: { kinds: ['backup'] },
      jobActions: { operators: ['U1'], emUser: 'operator' },
    });
    try {
      const root = await alertFailedRun(h, 'Loud Backup');
      const block = blocksOf(root).find((b) => b.block_id === 'job_actions');
      expect(block?.type).toBe('actions');
      const buttons = jobActionButtons(root);
      expect(buttons.map((b) => (b['text'] as { text: string }).text)).toEqual(['Retry', 'Start', 'Stop']);
      expect(buttons[0]?.['value']).toBe('retry|Loud Backup');
      expect(h.sim.actions()).toEqual([]);

      // `/veeam status` offers Start / Stop (no Retry); `/veeam retry` (Slack sent a trigger_id) opens the modal at
      // once, and so does the alert's Retry button.
      const status = await command(h, 'status Loud Backup', 's1');
      const labels = jobActionButtons(status).map((b) => (b['text'] as { text: string }).text);
      expect(labels).toEqual(['Start', 'Stop']);
      // A newer failure EM has and the watcher has not polled yet: the modal reads the job's newest session from EM.
      const newerEnd = h.sim.clock.now() + 5 * MINUTE;
      h.sim.createSession({
        type: 'BackupJobSession',
        jobName: 'Loud Backup',
        state: 'Stopped',
        result: 'Failed',
        creationTime: new Date(newerEnd - MINUTE).toISOString(),
        endTime: new Date(newerEnd).toISOString(),
      });
      const lastResult = `Last result: Failed (<!date^${Math.floor(newerEnd / 1000)}^`;
      const views = () => h.slack.calls.filter((c) => c.method === 'views.open');
      const opens = () => views().length;
      const retry = await command(h, 'retry Loud Backup', 'r1');
      expect(String(retry.text)).toContain('confirm in the dialog');
      expect(opens()).toBe(1);
      await sendButtonClick(h.eventsUrl, {
        actionId: String(buttons[0]?.['action_id']),
        value: String(buttons[0]?.['value']),
        responseUrl: h.slack.responseUrl('r2'),
        channelId: ALERTS,
        userId: 'U1',
      });
      await h.slack.waitFor(() => opens() === 2);
      expect(views().map((c) => JSON.stringify(c.args['view']))).toEqual([
        expect.stringContaining(lastResult),
        expect.stringContaining(lastResult),
      ]);
      expect(h.sim.actions()).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it('JOB_ACTIONS off → /veeam status has no action buttons and /veeam retry says they are off', async () => {
    const h = await startBotHarness({}, 5000, { watcher: { kinds: ['backup'] } });
    try {
      await alertFailedRun(h, 'Quiet Status');
      expect(jobActionButtons(await command(h, 'status Quiet Status', 's1'))).toEqual([]);
      const retry = await command(h, 'retry Quiet Status', 'r1');
      expect(String(retry.text)).toContain('JOB_ACTIONS=off');
    } finally {
      await h.stop();
    }
  });

  it('keeps the incident’s key with every audit entry of an action asked from its alert', async () => {
    const h = await startBotHarness({}, 5000, {
      watcher: { kinds: ['backup'] },
      jobActions: {
        operators: ['U1'],
        emUser: 'operator',
        followLimits: { intervalMs: 2_000, maxWaitMs: 600_000 },
      },
    });
    try {
      const root = await alertFailedRun(h, 'Audited Backup');
      const key = Object.entries(h.watcher.state().incidents).find(
        ([, incident]) => incident.jobName === 'Audited Backup',
      )?.[0];
      expect(key).toBeDefined();
      const rig = jobActionRig(h, ALERTS);

      await rig.click('start|Audited Backup', 'U1', root?.ts);
      expect((await rig.submit(rig.lastToken(), 'U1')).status).toBe(200);
      await rig.runUntil(() => rig.lines().some((t) => t.includes('the start of *Audited Backup* finished')));
      await h.slack.waitFor(() =>
        (h.watcher.state().jobActions?.audit ?? []).some((e) => e.outcome === 'session_finished'),
      );

      const entries = await createStateActionLedger(h.watcher).history(100);
      expect(entries.map((e) => e.outcome)).toEqual([
        'confirmation_asked',
        'confirmed',
        'task_created',
        'accepted',
        'session_finished',
      ]);
      expect(entries.map((e) => e.incident)).toEqual(entries.map(() => key));
    } finally {
      await h.stop();
    }
  });
});
