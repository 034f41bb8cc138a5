import { slackModeEnv, spawnBot, type BotProcess } from '../test/helpers/bot-process.js';
import type { FakeSlack } from '../test/helpers/fake-slack.js';
import type { SimProcess } from './sim-process.js';

/** The channel the bench bot alerts in. */
export const ALERT_CHANNEL = 'CALERTS';

/** Spawns the built bot in Slack HTTP mode against the simulator and the fake, polling every second. */
export async function spawnSlackBot(
  sim: SimProcess,
  slack: FakeSlack,
  env: Record<string, string> = {},
): Promise<BotProcess> {
  const bot = spawnBot(
    slackModeEnv(sim, slack.apiUrl, {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      ALERT_CHANNEL,
      WATCH_SCHEDULE: '* * * * * *',
      LOG_LEVEL: 'warn',
      ...env,
    }),
  );
  await bot.waitFor(/Slack mode/, 30_000, 'stdout');
  await slack.waitFor(() => slack.calls.some((c) => c.method === 'auth.test'), 30_000);
  // The first poll only records where "now" is; give it a couple of seconds so alerts are for what follows.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  return bot;
}
