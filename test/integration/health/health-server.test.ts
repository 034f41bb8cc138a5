import { startHealthServer, type HealthServer } from '../../../src/health/health-server.js';
import { createHealthKit } from '../../../src/health/health-kit.js';
import { cachedSlackAuth } from '../../../src/health/readiness.js';
import { createMetrics } from '../../../src/metrics/registry.js';
import { createSlackWebClient } from '../../../src/slack/web-client.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';

/** The health server on loopback, with Slack's auth.test against a fake Slack Web API. */
describe('the health server', () => {
  let slack: FakeSlack;
  let server: HealthServer | undefined;
  beforeEach(async () => {
    slack = await startFakeSlack();
  });
  afterEach(async () => {
    await server?.stop();
    await slack.stop();
  });

  const start = async (emStatus: number | undefined) => {
    const kit = createHealthKit(createMetrics(), () => Date.now());
    kit.onEmResponse({ method: 'GET', pathname: '/api/query', status: emStatus, ms: 3 });
    const web = createSlackWebClient({
      apiUrl: slack.apiUrl,
      botToken: 'xoxb-test',
      timeoutMs: 3000,
      retryDelayMs: 10,
    });
    kit.addPart(cachedSlackAuth(() => web.auth.test()));
    kit.addPart({ name: 'store', check: async () => undefined });
    server = await startHealthServer(kit.routes(), { port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${server.port}`;
  };

  it('is ready when EM answered, Slack auth passed and the store answers', async () => {
    const base = await start(200);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1);
    await fetch(`${base}/readyz`);
    expect(slack.calls.filter((c) => c.method === 'auth.test')).toHaveLength(1); // asked once, kept
  });

  it('answers 503 naming every failing part: Slack auth refused, EM unanswered', async () => {
    slack.fail({ method: 'auth.test', kind: 'error', error: 'invalid_auth', count: 1 });
    const base = await start(undefined);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    const lines = (await response.text()).trim().split('\n');
    expect(lines).toEqual(['em: Enterprise Manager did not answer', 'slack: invalid_auth']);
  });

  it('answers 404 to other paths and 405 to other methods', async () => {
    const base = await start(200);
    expect((await fetch(`${base}/slack/events`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
