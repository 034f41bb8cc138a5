import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { slackModeEnv, spawnBot, waitForMorePolls, type BotProcess } from '../helpers/bot-process.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { parsePrometheusText, sampleValue } from '../helpers/prometheus-text.js';
import { waitUntil } from '../helpers/wait.js';

async function get(url: string): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(url);
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

/** The built bot in Slack HTTP mode: the health endpoints on PORT, next to /slack/events. */
describe('the health endpoints in Slack HTTP mode', () => {
  let sim: RunningSimulator;
  let slack: FakeSlack;
  let bot: BotProcess;
  let base: string;
  let simRunning = true;

  beforeAll(async () => {
    sim = await startSimulator({ history: 200, live: false });
    slack = await startFakeSlack();
    // No pacing between posts: the fake Slack does not rate-limit, and the alerts here are counted, not timed.
    bot = spawnBot(slackModeEnv(sim, slack.apiUrl, { SLACK_POST_INTERVAL: '0' }));
    const [, port] = await bot.waitFor(/"port":(\d+),"msg":"Slack app started"/, 20_000, 'stderr');
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    // SIGKILL: EM is gone by now, and a graceful stop would spend seconds retrying its logoff.
    await bot.kill('SIGKILL');
    await slack.stop();
    if (simRunning) await sim.stop();
  });

  it('answers /healthz while the process runs', async () => {
    const { status, body } = await get(`${base}/healthz`);
    expect(status).toBe(200);
    expect(body).toBe('ok\n');
  });

  it('serves /metrics as Prometheus text; its posted alerts match the fake Slack', async () => {
    for (const jobName of ['Health Alpha', 'Health Beta', 'Health Gamma']) {
      sim.createSession({ type: 'BackupJobSession', jobName, state: 'Stopped', result: 'Failed' });
    }
    const alerts = () => slack.messages.filter((m) => m.metadata?.event_type === 'veeam_alert');
    await slack.waitFor(() => alerts().length >= 3, 15_000);
    await waitForMorePolls(bot, 2);
    const { status, body, type } = await get(`${base}/metrics`);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain/);
    const samples = parsePrometheusText(body);
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.filter((s) => !s.name.startsWith('veeam_bot_')).map((s) => s.name)).toEqual([]);
    expect(sampleValue(samples, 'veeam_bot_alerts_posted_total')).toBe(alerts().length);
    const postCalls = slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    expect(
      sampleValue(samples, 'veeam_bot_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' }),
    ).toBe(postCalls);
    expect(sampleValue(samples, 'veeam_bot_leader')).toBe(1);
    expect(sampleValue(samples, 'veeam_bot_polls_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sampleValue(samples, 'veeam_bot_process_cpu_seconds_total')).toBeGreaterThan(0);
    // Route templates only: no EM ID or name in any label.
    const routes = new Set(samples.map((s) => s.labels['route']).filter((r) => r !== undefined));
    expect([...routes].every((route) => /^(\/[a-zA-Z]+|\/\{id\})*\/?$/.test(route!))).toBe(true);
    expect(routes).toContain('/query');
    expect(body).not.toMatch(/Health Alpha|urn:veeam/);
  });

  it('answers /readyz 200 while all is well, 503 naming EM once the simulator stops', async () => {
    const ready = await get(`${base}/readyz`);
    expect(ready).toMatchObject({ status: 200, body: 'ready\n' });
    await sim.stop();
    simRunning = false;
    // Readiness follows EM's answers as they come (the first refused request), not the end of a poll.
    let down = ready;
    await waitUntil(async () => (down = await get(`${base}/readyz`)).status !== 200, {
      timeoutMs: 30_000,
      what: 'a /readyz answer other than 200',
    });
    expect(down.status).toBe(503);
    expect(down.body).toMatch(/^em: /m);
    expect(down.body).not.toMatch(/^(slack|store): /m);
  });
});

/** The console (and Socket Mode) serve the endpoints on HEALTH_HOST:HEALTH_PORT. */
describe('the health endpoints in console mode', () => {
  let bot: BotProcess;

  beforeAll(() => {
    bot = spawnBot({ HEALTH_PORT: '0', LOG_LEVEL: 'info' });
  });
  afterAll(() => bot.kill('SIGTERM'));

  it('serves /healthz, /readyz and /metrics on HEALTH_PORT', async () => {
    const [, port] = await bot.waitFor(
      /"port":(\d+),"host":"127\.0\.0\.1","msg":"health endpoints listening"/,
      20_000,
    );
    const base = `http://127.0.0.1:${port}`;
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect(await get(`${base}/readyz`)).toMatchObject({ status: 200, body: 'ready\n' });
    const samples = parsePrometheusText((await get(`${base}/metrics`)).body);
    expect(sampleValue(samples, 'veeam_bot_leader')).toBe(1);
    expect((await get(`${base}/nothing`)).status).toBe(404);
  });
});
