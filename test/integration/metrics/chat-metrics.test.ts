import { slackMethodOf, withChatMetrics } from '../../../src/metrics/chat-metrics.js';
import { createMetrics } from '../../../src/metrics/registry.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createSlackChat } from '../../../src/slack/chat.js';
import { createSlackWebClient, onRateLimited } from '../../../src/slack/web-client.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { parsePrometheusText, sampleValue } from '../../helpers/prometheus-text.js';

/** The counting chat port over the real Slack adapter and a fake Slack Web API on loopback. */
describe('withChatMetrics', () => {
  let slack: FakeSlack;
  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(() => slack.stop());

  const build = () => {
    const metrics = createMetrics();
    const web = createSlackWebClient({
      apiUrl: slack.apiUrl,
      botToken: 'xoxb-test',
      timeoutMs: 3000,
      retryDelayMs: 10,
    });
    onRateLimited(web, (url) => metrics.slackRateLimited(slackMethodOf(url)));
    const chat = withChatMetrics(createSlackChat(web, silentLogger, { channelIntervalMs: 0 }), metrics);
    return { metrics, chat };
  };
  const alert = (key: string) => ({
    channel: 'CALERTS',
    text: `alert ${key}`,
    metadata: { eventType: 'veeam_alert' as const, key },
  });

  it('counts alert posts, other posts, refusals by Slack code and 429s by method', async () => {
    const { metrics, chat } = build();
    await chat.post(alert('a'));
    await chat.post({ channel: 'CALERTS', text: 'a notice' });
    slack.fail({ method: 'chat.postMessage', kind: 'ratelimited', retryAfterSeconds: 0, count: 1 });
    await chat.post(alert('b'));
    slack.fail({ method: 'chat.postMessage', kind: 'error', error: 'channel_not_found', count: 1 });
    await expect(chat.post(alert('c'))).rejects.toThrow();
    const samples = parsePrometheusText((await metrics.render()).body);
    const posted = slack.messages.filter((m) => m.metadata?.event_type === 'veeam_alert').length;
    expect(posted).toBe(2);
    expect(sampleValue(samples, 'veeam_bot_alerts_posted_total')).toBe(posted);
    expect(sampleValue(samples, 'veeam_bot_alerts_failed_total', { code: 'channel_not_found' })).toBe(1);
    expect(
      sampleValue(samples, 'veeam_bot_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' }),
    ).toBe(3);
    expect(
      sampleValue(samples, 'veeam_bot_slack_api_calls_total', {
        method: 'chat.postMessage',
        outcome: 'error',
      }),
    ).toBe(1);
    expect(sampleValue(samples, 'veeam_bot_slack_rate_limited_total', { method: 'chat.postMessage' })).toBe(
      1,
    );
    expect(samples.every((s) => s.name.startsWith('veeam_bot_'))).toBe(true);
  });

  it('reads the leader and pending gauges at each scrape', async () => {
    const { metrics } = build();
    let leader = true;
    metrics.observe({ isLeader: () => leader, pendingAlerts: () => 3 });
    expect(sampleValue(parsePrometheusText((await metrics.render()).body), 'veeam_bot_leader')).toBe(1);
    leader = false;
    const samples = parsePrometheusText((await metrics.render()).body);
    expect(sampleValue(samples, 'veeam_bot_leader')).toBe(0);
    expect(sampleValue(samples, 'veeam_bot_alerts_pending')).toBe(3);
  });
});
