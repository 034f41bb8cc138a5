import { startFakeSlack } from '../test/helpers/fake-slack.js';
import { measureAlertLatency } from './alert-latency.js';
import { measureStorm } from './alert-storm.js';
import { trackArrivals } from './arrivals.js';
import type { Row, SectionResult } from './section.js';
import { startSimProcess } from './sim-process.js';
import { spawnSlackBot } from './slack-bot.js';
import { round } from './stats.js';

const HISTORY = 1000;

/** Section 3: alert latency of the built bot in Slack HTTP mode, then a 1,000-session storm under rate limits. */
export async function benchAlerts(): Promise<SectionResult> {
  const sim = await startSimProcess({ history: HISTORY });
  const slack = await startFakeSlack();
  const tracker = trackArrivals(slack);
  // Detection latency is measured without the bot's own pacing (one post per second per channel, which real
  // Slack demands and this fake does not); the storm then runs against a rate-limiting fake with pacing on.
  let bot = await spawnSlackBot(sim, slack, { SLACK_POST_INTERVAL: '0' }).catch(async (error: unknown) => {
    tracker.stop();
    await Promise.all([slack.stop(), sim.stop()]);
    throw error;
  });
  try {
    const latency = await measureAlertLatency(sim, tracker.arrivals);
    await bot.kill('SIGTERM');
    bot = await spawnSlackBot(sim, slack);
    slack.rateLimitPerChannel(true);
    const storm = await measureStorm(sim, tracker.arrivals);
    const rows: Row[] = [
      { measure: 'alert latency p50 (poll every 1 s, no pacing)', value: `${round(latency.p50Ms)} ms` },
      { measure: 'alert latency p90 / max', value: `${round(latency.p90Ms)} / ${round(latency.maxMs)} ms` },
      {
        measure: 'alerts delivered (own message)',
        value: `${latency.delivered} / ${latency.sessions}`,
        goal: 'all',
        met: latency.delivered === latency.sessions,
      },
      { measure: 'storm: 1,000 created in', value: `${storm.createMs} ms` },
      {
        measure: 'storm: all 1,000 accounted for after',
        value: `${round(storm.allAccountedMs / 1000, 2)} s (${storm.summaries} summaries, ${storm.individual} single)`,
        goal: 'all accounted',
        met: storm.accounted >= storm.sessions,
      },
      {
        measure: 'storm: last thread detail after',
        value: `${round(storm.lastDetailMs / 1000, 2)} s (${storm.details} details at 1 msg/s)`,
      },
    ];
    return {
      id: 'alerts',
      title: `Alerts: built bot, Slack HTTP mode, WATCH_SCHEDULE every second (history ${HISTORY}; one run)`,
      rows,
      figures: { history: HISTORY, latency, storm },
    };
  } finally {
    tracker.stop();
    await bot.kill('SIGTERM');
    await slack.stop();
    await sim.stop();
  }
}
