import { startBotHarness, type BotHarness } from '../../helpers/bot-harness.js';
import { addJob, jobActionRig } from '../../helpers/job-action-rig.js';

const CHANNEL = 'COPS';
const THREAD = '1700000000.000200';

/**
 * EM refuses: the thread gets the request and EM's reason in one line, and nothing else happens (no progress
 * message, no update, no mark left on the job).
 */
async function refusedRetry(
  options: { emUser: string; refuseActionsWith?: 'task' | 'http'; actionLinksForEveryRole?: boolean },
  job: { name: string; lastResult: string },
): Promise<{ h: BotHarness; lines: string[] }> {
  const h = await startBotHarness({}, 5000, { jobActions: { operators: ['U1'], ...options } });
  const rig = jobActionRig(h, CHANNEL);
  await addJob(h, job.name, job.lastResult);
  await rig.click(`retry|${job.name}`, 'U1', THREAD);
  const updatesBefore = h.slack.calls.filter((c) => c.method === 'chat.update').length;
  expect((await rig.submit(rig.lastToken(), 'U1')).status).toBe(200);
  await rig.runUntil(() => rig.lines().some((t) => t.includes('did not retry')));
  // The job's mark is ended right after the line: no action left in progress.
  await h.slack.waitFor(() => Object.keys(h.watcher.state().jobActions?.inProgress ?? { x: 1 }).length === 0);
  expect(h.slack.calls.filter((c) => c.method === 'chat.update').length).toBe(updatesBefore);
  expect(h.sim.actions()).toEqual([expect.objectContaining({ action: 'retry', refused: true })]);
  return { h, lines: rig.lines() };
}

describe('job actions EM refuses', () => {
  it('a retry of a job whose last run succeeded (a failing task): one line with EM’s reason', async () => {
    const { h, lines } = await refusedRetry(
      { emUser: 'operator' },
      { name: 'Fine Backup', lastResult: 'Success' },
    );
    try {
      expect(lines).toEqual([
        expect.stringContaining('retry of *Fine Backup* requested by user-U1'),
        expect.stringMatching(/^:no_entry: Enterprise Manager did not retry the job: .*cannot be retried/),
      ]);
    } finally {
      await h.stop();
    }
  });

  it('the same refused with HTTP 400: the same one line', async () => {
    const { h, lines } = await refusedRetry(
      { emUser: 'operator', refuseActionsWith: 'http' },
      { name: 'Fine Backup', lastResult: 'Success' },
    );
    try {
      expect(lines).toEqual([
        expect.stringContaining('requested by user-U1'),
        expect.stringMatching(/^:no_entry: Enterprise Manager did not retry the job: .*cannot be retried/),
      ]);
    } finally {
      await h.stop();
    }
  });

  it('a Portal User account shown the links anyway (403): one line with EM’s reason', async () => {
    const { h, lines } = await refusedRetry(
      { emUser: 'demo', actionLinksForEveryRole: true },
      { name: 'Broken Backup', lastResult: 'Failed' },
    );
    try {
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^:no_entry: Enterprise Manager did not retry the job: \S/);
      expect(h.sim.actions()[0]).toMatchObject({ status: 403 });
    } finally {
      await h.stop();
    }
  });

  it('a Portal User account that EM shows no action links: one line at the click, no modal, EM reached zero times', async () => {
    const h = await startBotHarness({}, 5000, { jobActions: { operators: ['U1'], emUser: 'demo' } });
    try {
      const rig = jobActionRig(h, CHANNEL);
      await addJob(h, 'Broken Backup', 'Failed');
      const reply = await rig.click('retry|Broken Backup', 'U1', THREAD);
      expect(JSON.stringify(reply)).toMatch(/offers no retry action/);
      expect(rig.opens()).toHaveLength(0);
      expect(h.sim.actions()).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
