import { createActionTokens } from '../commands/job-actions/action-token.js';
import { createJobOperators } from '../commands/job-actions/operators.js';
import type { Config } from '../config/load-config.js';
import { cachedSlackAuth } from '../health/readiness.js';
import { slackMethodOf, withChatMetrics } from '../metrics/chat-metrics.js';
import { systemClock } from '../shared/clock.js';
import { createSlackApp } from '../slack/app.js';
import { createSlackChat } from '../slack/chat.js';
import { DEFAULT_RATE_LIMIT } from '../slack/rate-limit-gate.js';
import { createGroupMembers } from '../slack/user-groups.js';
import { createSlackWebClient, onRateLimited } from '../slack/web-client.js';
import type { EmConnection } from './em-connection.js';
import { serveHealth, type Run } from './run.js';
import { startAlerts } from './start-alerts.js';

/** Slack mode: Bolt receives commands and clicks; the watcher posts through the same Web API client. */
export async function runSlack(config: Config, em: EmConnection, run: Run): Promise<void> {
  const { deps, logger, stops, health } = run;
  const web = createSlackWebClient(config.slack);
  onRateLimited(web, (url) => health.metrics.slackRateLimited(slackMethodOf(url)));
  health.addPart(cachedSlackAuth(() => web.auth.test()));
  const slackChat = createSlackChat(web, logger.child({ part: 'slack-chat' }), {
    channelIntervalMs: config.slack.postIntervalMs,
    rateLimit: { ...DEFAULT_RATE_LIMIT, maxWaitMs: config.slack.rateLimitWaitMs },
  });
  const chat = withChatMetrics(slackChat, health.metrics);
  const follow = await startAlerts(config, em, chat, run);
  if (config.jobActions.enabled) {
    deps.jobActions = {
      operators: createJobOperators({
        operators: config.operators,
        members: createGroupMembers(createSlackWebClient(config.slack)),
        clock: systemClock,
        logger: logger.child({ part: 'job-actions' }),
      }),
      tokens: createActionTokens(config.jobActions.signingKey),
      ledger: run.actionLedger!,
      spendToken: run.spendToken!,
    };
  }
  const routes = health.routes();
  const socketMode = config.slack.appToken !== undefined;
  const slack = createSlackApp({
    slack: config.slack,
    commands: deps,
    logger,
    chat,
    follow,
    ...(socketMode ? {} : { routes }),
  });
  await slack.start();
  stops.push(() => slack.stop());
  if (socketMode) await serveHealth(config, run);
}
