import { followActionSession, type FollowTarget } from '../../../src/commands/job-actions/follow-action.js';
import type { EmClient } from '../../../src/em/client.js';
import { jobsNamed } from '../../../src/em/estate.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { RunningSimulator } from '../../../src/simulator/index.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { startManualSimulator } from '../../helpers/manual-simulator.js';
import { simClient } from '../../helpers/sim-client.js';
import { testSlackConfig } from '../../helpers/slack-requests.js';
import { createSteppedSleep } from '../../helpers/stepped-sleep.js';

const CHANNEL = 'COPS';
const LIMITS = { intervalMs: 5_000, maxWaitMs: 60_000 };

describe('following the session a job action started', () => {
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let client: EmClient;
  beforeAll(async () => {
    sim = await startManualSimulator({ history: 50 });
    slack = await startFakeSlack();
    client = simClient(sim);
  });
  afterAll(async () => {
    await client.close();
    await slack.stop();
    await sim.stop();
  });

  /** Runs a follow with both clocks stepped together, `onStep` between steps; answers its outcome. */
  async function follow(target: FollowTarget, onStep: (step: number) => void = () => undefined) {
    const clock = createManualClock(sim.clock.now());
    const time = createSteppedSleep(clock);
    const chat = createSlackChat(createSlackWebClient(testSlackConfig(slack.apiUrl)), silentLogger, {
      channelIntervalMs: 0,
    });
    const done = followActionSession(target, {
      client,
      chat,
      clock,
      sleep: time.sleep,
      logger: silentLogger,
      limits: LIMITS,
    });
    let finished = false;
    void done.then(() => (finished = true));
    for (let step = 0; !finished; step += 1) {
      await slack.waitFor(() => finished || time.waiting() > 0);
      if (finished) break;
      onStep(step);
      sim.clock.advance(LIMITS.intervalMs);
      time.advance(LIMITS.intervalMs);
    }
    return done;
  }
  const target = (overrides: Partial<FollowTarget>): FollowTarget => ({
    jobUid: 'urn:veeam:Job:none',
    jobName: 'Some Job',
    action: 'start',
    channel: CHANNEL,
    threadTs: '1.1',
    requestedAt: sim.clock.now(),
    ...overrides,
  });
  const texts = () => slack.messages.filter((m) => m.channel === CHANNEL).map((m) => m.text);

  it('updates one message in place only when the session changes, and gives up with one line after the maximum wait', async () => {
    slack.messages.length = 0;
    const running = sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Long Run',
      state: 'Working',
      progress: 10,
    });
    const outcome = await follow(target({ jobName: 'Long Run', sessionHref: running.href }), (step) => {
      if (step === 2) sim.updateSession(running.id, { progress: 60 });
    });

    expect(outcome).toEqual({ kind: 'timed_out' });
    expect(texts()).toEqual([
      expect.stringContaining('Long Run'),
      ':hourglass: stopped following the start of *Long Run* after 1 min; it is still running.',
    ]);
    const live = slack.messages[0]!;
    const updates = slack.calls.filter((c) => c.method === 'chat.update' && c.args['ts'] === live.ts);
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(live.blocks)).toContain('60%');
  });

  it('without a Related link, finds the job’s newest session started at or after the request', async () => {
    slack.messages.length = 0;
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Old And New',
      state: 'Stopped',
      result: 'Failed',
      creationTime: new Date(sim.clock.now() - 600_000).toISOString(),
      endTime: new Date(sim.clock.now() - 300_000).toISOString(),
    });
    const [job] = await jobsNamed(client, 'Old And New', 1);
    const requestedAt = sim.clock.now();
    const outcome = await follow(
      target({ jobUid: job!.uid, jobName: 'Old And New', requestedAt }),
      (step) => {
        if (step === 1)
          sim.createSession({
            type: 'BackupJobSession',
            jobName: 'Old And New',
            state: 'Stopped',
            result: 'Success',
          });
      },
    );

    expect(outcome).toEqual({ kind: 'finished', result: 'Success' });
    expect(texts().at(-1)).toBe(':white_check_mark: the start of *Old And New* finished: Success');
  });

  it('says so in one line when no session shows up', async () => {
    slack.messages.length = 0;
    const outcome = await follow(target({ jobName: 'Ghost' }));

    expect(outcome).toEqual({ kind: 'not_found' });
    expect(texts()).toEqual([expect.stringContaining('no session of *Ghost* showed up after the start')]);
  });
});
