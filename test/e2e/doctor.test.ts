import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { freshFolder, spawnBot } from '../helpers/bot-process.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

async function runDoctor(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const bot = spawnBot(env, { args: ['doctor'], cwd: freshFolder() });
  const code = await new Promise<number | null>((resolve) => bot.child.once('exit', (c) => resolve(c)));
  return { code, out: bot.stdout() };
}

describe('npm run doctor', () => {
  let sim: RunningSimulator;
  let slack: FakeSlack;
  beforeAll(async () => {
    sim = await startSimulator({ history: 50, live: false, tls: true });
    slack = await startFakeSlack({ members: ['CALERTS'] });
  });
  afterAll(async () => {
    await slack.stop();
    await sim.stop();
  });

  const env = () => ({
    VEEAM_URL: sim.url,
    VEEAM_USERNAME: sim.user,
    VEEAM_PASSWORD: sim.password,
    VEEAM_CA_FILE: sim.caFile ?? '',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    ALERT_CHANNEL: 'CALERTS',
    DATA_FILE: './data/state.json',
  });

  it('passes every check on a good setup and exits 0', async () => {
    const { code, out } = await runDoctor(env());
    expect(out).not.toMatch(/^FAIL/m);
    for (const check of [
      'Configuration',
      'Enterprise Manager reachable',
      'TLS',
      'API version',
      'Logon',
      'Session types',
      'Slack token',
      'Slack scopes',
      'Alert channel',
      'State file',
    ]) {
      expect(out).toMatch(new RegExp(`^PASS  ${check}:`, 'm'));
    }
    expect(code).toBe(0);
  });

  it('names the fix for an untrusted certificate, a wrong password and a channel without the bot, and exits 1', async () => {
    const { code, out } = await runDoctor({ ...env(), VEEAM_CA_FILE: '', ALERT_CHANNEL: 'COTHER' });
    expect(out).toMatch(/^FAIL {2}TLS: the certificate is not trusted\n\s+fix: .*VEEAM_CA_FILE/m);
    expect(out).toMatch(/^FAIL {2}Alert channel: the bot is not in/m);
    expect(code).toBe(1);
    const wrong = await runDoctor({ ...env(), VEEAM_PASSWORD: 'not-the-password' });
    expect(wrong.out).toMatch(/^FAIL {2}Logon: .*\n\s+fix: check VEEAM_USERNAME/m);
    expect(wrong.out).not.toContain('not-the-password');
    expect(wrong.code).toBe(1);
  });

  it('with JOB_ACTIONS=on checks the EM role without starting anything, and names the role to grant', async () => {
    const user = await runDoctor({ ...env(), JOB_ACTIONS: 'on' });
    expect(user.out).toMatch(/^FAIL {2}Job actions role: .*\n\s+fix: .*Portal Administrator role/m);
    expect(user.code).toBe(1);
    const admin = await runDoctor({
      ...env(),
      JOB_ACTIONS: 'on',
      VEEAM_USERNAME: 'operator',
      VEEAM_PASSWORD: 'operator',
    });
    expect(admin.out).toMatch(/^PASS {2}Job actions role: the account may run job actions/m);
    expect(admin.code).toBe(0);
    expect(sim.actions()).toEqual([]);
    expect((await runDoctor(env())).out).not.toMatch(/Job actions role/);
  });

  it('reports a bad configuration value as a failed check', async () => {
    const { code, out } = await runDoctor({ VEEAM_URL: 'ftp://nope' });
    expect(out).toMatch(/^FAIL {2}Configuration: VEEAM_URL must be an http\(s\) URL/m);
    expect(code).toBe(1);
  });
});
