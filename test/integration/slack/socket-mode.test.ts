import { simClient } from '../../helpers/sim-client.js';
import { createCatalog } from '../../../src/commands/catalog.js';
import { type EmClient } from '../../../src/em/client.js';
import { createManualClock } from '../../../src/shared/clock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { testSlackConfig } from '../../helpers/slack-requests.js';
import { testSlackPorts } from '../../helpers/slack-ports.js';
import { startFakeSocketMode, type FakeSocketMode } from '../../helpers/fake-socket-mode.js';

import { START } from '../../helpers/time.js';

/** Socket Mode: the app opens its connection through apps.connections.open and answers envelopes over it. */
describe('Socket Mode', () => {
  let sim: RunningSimulator;
  let socket: FakeSocketMode;
  let slack: FakeSlack;
  let client: EmClient;
  let app: SlackApp;

  beforeAll(async () => {
    sim = await startSimulator({ history: 100, live: false, clock: { manual: true, startTime: START } });
    socket = await startFakeSocketMode();
    slack = await startFakeSlack({ socketUrl: socket.url });
    client = simClient(sim);
    const clock = createManualClock(START);
    app = createSlackApp({
      slack: testSlackConfig(slack.apiUrl, { appToken: 'xapp-test', signingSecret: undefined }),
      commands: { client, catalog: createCatalog({ client, clock }), clock, logger: silentLogger },
      logger: silentLogger,
      ...testSlackPorts(slack.apiUrl),
    });
    await expect(app.start()).resolves.toBeUndefined();
    await socket.connected();
  });
  afterAll(async () => {
    await app.stop();
    await client.close();
    await socket.stop();
    await slack.stop();
    await sim.stop();
  });

  it('opens the connection with the app-level token and answers a slash command envelope', async () => {
    expect(slack.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
    sim.createSession({
      type: 'BackupJobSession',
      jobName: 'Socket Job',
      state: 'Stopped',
      result: 'Failed',
      tasks: [{ vmName: 'sock01', result: 'Failed', reason: 'Socket reason' }],
    });
    const { ack, ms } = await socket.send('slash_commands', {
      command: '/veeam',
      text: 'status Socket Job',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      response_url: slack.responseUrl('socket'),
      trigger_id: '1.2',
      api_app_id: 'A1',
    });
    expect(ack['envelope_id']).toBeDefined();
    expect(ms).toBeLessThan(3000);
    await slack.waitFor(() => slack.responses.some((r) => r.id === 'socket'));
    expect(JSON.stringify(slack.responses.find((r) => r.id === 'socket')?.body)).toContain('Socket reason');
  });
});
