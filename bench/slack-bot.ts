import { spawnBot, type BotProcess } from '../test/helpers/bot-process.js';
import { SIGNING_SECRET } from '../test/helpers/slack-requests.js';
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
  const bot = spawnBot({
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: sim.user,
    VEEAM_PASSWORD: sim.password,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    ALERT_CHANNEL,
    WATCH_SCHEDULE: '* * * * * *',
    LOG_LEVEL: 'warn',
    ...env,
  });
  await bot.waitFor(/Slack mode/, 30_000, 'stdout');
  await slack.waitFor(() => slack.calls.some((c) => c.method === 'auth.test'), 30_000);
  // The first poll only records where "now" is; give it a couple of seconds so alerts are for what follows.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  return bot;
}
