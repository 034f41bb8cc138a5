import { loadConfig } from '../../../src/config/load-config.js';

const em = {
  VEEAM_URL: 'https://em.example.local:9398/api/',
  VEEAM_USERNAME: 'svc',
  VEEAM_PASSWORD: 'hunter2',
};
const STATE_URL = 'postgres://bot:pw@db.example.local:5432/veeam_bot';

/** Issue 18's documented defaults: LEASE_TTL 30 s, HEALTH_PORT 3001, HEALTH_HOST 127.0.0.1. */
describe('loadConfig: STATE_URL, LEASE_TTL and the health endpoints', () => {
  it('keeps the state local (no PostgreSQL) when STATE_URL is unset', () => {
    expect(loadConfig(em).state).toBeUndefined();
    expect(loadConfig({}).state).toBeUndefined();
  });

  it('defaults LEASE_TTL to 30 s once STATE_URL is set', () => {
    expect(loadConfig({ ...em, STATE_URL }).state).toEqual({
      connectionString: STATE_URL,
      sslMode: undefined,
      caFile: undefined,
      leaseTtlMs: 30_000,
    });
    // An empty value (a blank line in .env) means the default too.
    expect(loadConfig({ ...em, STATE_URL, LEASE_TTL: '' }).state?.leaseTtlMs).toBe(30_000);
  });

  it('reads LEASE_TTL as a duration like the other duration variables', () => {
    expect(loadConfig({ ...em, STATE_URL, LEASE_TTL: '45s' }).state?.leaseTtlMs).toBe(45_000);
    expect(loadConfig({ ...em, STATE_URL, LEASE_TTL: '2m' }).state?.leaseTtlMs).toBe(120_000);
    expect(() => loadConfig({ ...em, STATE_URL, LEASE_TTL: '30' })).toThrow(/^LEASE_TTL /);
  });

  it('serves the health endpoints on 127.0.0.1:3001 by default, in every mode', () => {
    const slack = { ...em, SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's', ALERT_CHANNEL: 'C1' };
    for (const env of [{}, em, slack]) {
      expect(loadConfig(env).health).toEqual({ port: 3001, host: '127.0.0.1' });
    }
    expect(loadConfig({ ...em, HEALTH_PORT: '', HEALTH_HOST: '' }).health).toEqual({
      port: 3001,
      host: '127.0.0.1',
    });
  });

  it('takes HEALTH_PORT and HEALTH_HOST when given, and refuses a port out of range', () => {
    expect(loadConfig({ ...em, HEALTH_PORT: '9100', HEALTH_HOST: '0.0.0.0' }).health).toEqual({
      port: 9100,
      host: '0.0.0.0',
    });
    expect(loadConfig({ ...em, HEALTH_PORT: '0' }).health.port).toBe(0);
    expect(() => loadConfig({ ...em, HEALTH_PORT: '70000' })).toThrow(/^HEALTH_PORT /);
  });
});
