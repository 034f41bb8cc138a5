import { loadConfig, normalizeApiBase, redactConfig } from '../../../src/config/load-config.js';
import { ConfigError, ErrorCode } from '../../../src/shared/errors.js';

const em = {
  VEEAM_URL: 'https://em.example.local:9398/api/',
  VEEAM_USERNAME: 'svc',
  VEEAM_PASSWORD: 'hunter2',
};

describe('loadConfig', () => {
  it('reads OPERATORS as user and group IDs, unset meaning everyone, and names a bad entry', () => {
    expect(loadConfig(em).operators).toBeUndefined();
    expect(loadConfig({ ...em, OPERATORS: 'U123ABC, S0GROUP' }).operators).toEqual(['U123ABC', 'S0GROUP']);
    expect(() => loadConfig({ ...em, OPERATORS: 'U123,@alice' })).toThrow(/^OPERATORS "@alice" is not/);
  });

  it('runs the local demo when nothing is configured', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('local-demo');
    expect(config.dataFile).toBeUndefined();
    expect(config.logLevel).toBe('warn');
    expect(config.slack.port).toBe(3000);
    expect(config.em.tlsInsecure).toBe(false);
    expect(config.watcher.lookbackMs).toBe(3_600_000);
    expect(config.watcher.schedule).toBe('*/5 * * * * *');
    expect(config.watcher.alertChannel).toBe('alerts');
  });

  it('polls a real EM every minute by default', () => {
    expect(loadConfig(em).watcher.schedule).toBe('0 * * * * *');
    expect(loadConfig(em).dataFile).toBe('./data/state.json');
    expect(loadConfig({ ...em, WATCH_SCHEDULE: '*/10 * * * * *' }).watcher.schedule).toBe('*/10 * * * * *');
  });

  it('refuses a WATCH_SCHEDULE that is not a cron expression, naming the variable', () => {
    expect(() => loadConfig({ ...em, WATCH_SCHEDULE: 'every minute' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...em, WATCH_SCHEDULE: '61 * * * *' })).toThrow(
      /^WATCH_SCHEDULE is not a cron expression/,
    );
  });

  it('runs the console against a real EM when only VEEAM_URL is set', () => {
    expect(loadConfig(em).mode).toBe('console-em');
  });

  it('connects to Slack when a bot token and a signing secret are set', () => {
    const config = loadConfig({
      ...em,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 's',
      ALERT_CHANNEL: 'C1',
    });
    expect(config.mode).toBe('slack');
  });

  it.each([
    [{ VEEAM_URL: 'ftp://x' }, /^VEEAM_URL /],
    [{ VEEAM_URL: 'https://em:9398' }, /^VEEAM_USERNAME /],
    [{ PORT: 'eighty' }, /^PORT /],
    [{ WATCH_LOOKBACK: '5' }, /^WATCH_LOOKBACK must be a duration/],
    [{ VEEAM_TLS_INSECURE: 'maybe' }, /^VEEAM_TLS_INSECURE must be true or false/],
    [{ SLACK_BOT_TOKEN: 'xoxb-test', ALERT_CHANNEL: 'C1' }, /^SLACK_SIGNING_SECRET is required/],
    [{ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_APP_TOKEN: 'xapp-1' }, /^ALERT_CHANNEL is required/],
    [{ SLACK_APP_TOKEN: 'xapp-test' }, /^SLACK_BOT_TOKEN is required/],
    [{ WATCH_TYPES: 'backup,tape' }, /^WATCH_TYPES unknown kind tape/],
  ])('refuses %j with one line naming the variable', (env, pattern) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).code).toBe(ErrorCode.Config);
    expect((thrown as ConfigError).message).toMatch(pattern);
    expect((thrown as ConfigError).message).not.toContain('\n');
  });

  it('reads the Slack call time limit and retry delay, 15 s and 500 ms unless set', () => {
    expect(loadConfig({}).slack).toMatchObject({ timeoutMs: 15_000, retryDelayMs: 500 });
    expect(loadConfig({ SLACK_TIMEOUT: '2s', SLACK_RETRY_DELAY: '50ms' }).slack).toMatchObject({
      timeoutMs: 2000,
      retryDelayMs: 50,
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ VEEAM_URL: '', PORT: '' }).mode).toBe('local-demo');
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.em)).toBe(true);
  });
});

describe('normalizeApiBase', () => {
  it.each([
    ['https://em:9398', 'https://em:9398/api/'],
    ['https://em:9398/api', 'https://em:9398/api/'],
    ['https://em:9398/api/', 'https://em:9398/api/'],
    ['https://em:9398/API?x=1', 'https://em:9398/API/'],
  ])('%s becomes %s', (input, expected) => {
    expect(normalizeApiBase(input)).toBe(expected);
  });
});

describe('redactConfig', () => {
  it('never shows a secret', () => {
    const config = loadConfig({
      ...em,
      SLACK_BOT_TOKEN: 'xoxb-secret',
      SLACK_SIGNING_SECRET: 'sign-secret',
      ALERT_CHANNEL: 'C1',
    });
    const dump = JSON.stringify(redactConfig(config));
    expect(dump).not.toContain('hunter2');
    expect(dump).not.toContain('xoxb-secret');
    expect(dump).not.toContain('sign-secret');
    expect(dump).toContain('***');
    expect(dump).toContain('svc');
  });
});

describe('JOB_ACTIONS and ACTION_SIGNING_KEY', () => {
  const slack = {
    ...em,
    SLACK_BOT_TOKEN: 'xoxb-secret',
    SLACK_SIGNING_SECRET: 'sign-secret',
    ALERT_CHANNEL: 'C1',
  };

  it('is off by default against a real EM, on in the local demo, and derives one key for every replica', () => {
    const a = loadConfig(slack);
    expect(a.jobActions.enabled).toBe(false);
    expect(loadConfig({}).jobActions.enabled).toBe(true);
    expect(loadConfig({ ...slack, JOB_ACTIONS: 'on' }).jobActions.enabled).toBe(true);
    expect(loadConfig(slack).jobActions.signingKey).toBe(a.jobActions.signingKey);
    expect(a.jobActions.signingKey).not.toContain('sign-secret');
    expect(() => loadConfig({ ...slack, JOB_ACTIONS: 'maybe' })).toThrow(/JOB_ACTIONS/);
  });

  it('uses ACTION_SIGNING_KEY as given and never shows it', () => {
    const config = loadConfig({ ...slack, ACTION_SIGNING_KEY: 'action-key-secret' });
    expect(config.jobActions.signingKey).toBe('action-key-secret');
    expect(JSON.stringify(redactConfig(config))).not.toContain('action-key-secret');
  });
});
