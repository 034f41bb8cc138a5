import { loadConfig, type Config } from '../../../src/config/load-config.js';
import { checkSlack } from '../../../src/slack/setup-checks.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack.js';
import { testSlackConfig } from '../../helpers/slack-requests.js';
import { ALERTS, buildWatcherConfig } from '../../helpers/watcher-harness.js';

const MANIFEST_SCOPES =
  'commands,chat:write,channels:history,groups:history,channels:read,groups:read,files:write';

/** doctor's Slack checks against the fake Slack: OPERATORS with user groups need usergroups:read. */
describe('doctor: usergroups:read when OPERATORS lists user groups', () => {
  const fakes: FakeSlack[] = [];
  afterAll(async () => {
    for (const fake of fakes) await fake.stop();
  });

  async function check(operators: string[] | undefined, scopes: string) {
    const fake = await startFakeSlack({ scopes });
    fakes.push(fake);
    const config: Config = {
      ...loadConfig({}),
      slack: testSlackConfig(fake.apiUrl),
      watcher: buildWatcherConfig({ alertChannel: ALERTS }),
      operators,
    };
    return (await checkSlack(config)).find((r) => r.name === 'Slack user groups');
  }

  it('FAILs with the fix when a group is listed and the scope is missing', async () => {
    const result = await check(['U1', 'S0ONCALL'], MANIFEST_SCOPES);
    expect(result?.status).toBe('fail');
    expect(result?.detail).toContain('S0ONCALL');
    expect(result?.fix).toContain('usergroups:read');
  });

  it('PASSes when the scope is granted, and checks nothing without groups', async () => {
    expect((await check(['S0ONCALL'], `${MANIFEST_SCOPES},usergroups:read`))?.status).toBe('pass');
    expect(await check(['U1'], MANIFEST_SCOPES)).toBeUndefined();
    expect(await check(undefined, MANIFEST_SCOPES)).toBeUndefined();
  });
});
