import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/shared/errors.js';

const em = {
  VEEAM_URL: 'https://em.example.local:9398/api/',
  VEEAM_USERNAME: 'svc',
  VEEAM_PASSWORD: 'hunter2',
};

describe('digest config', () => {
  it('defaults to 08:00 in the host zone to the alert channel', () => {
    const config = loadConfig({ ...em, ALERT_CHANNEL: 'C1' });
    expect(config.digest).toEqual({
      time: '08:00',
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      channels: ['C1'],
      demoAfterMs: 60_000,
    });
  });

  it('reads the time, the zone and the channels; off disables it', () => {
    const env = {
      ...em,
      DIGEST_TIME: '07:30',
      DIGEST_TZ: 'Europe/Berlin',
      DIGEST_CHANNELS: 'C1, C2',
      DEMO_DIGEST_AFTER: '5s',
    };
    expect(loadConfig(env).digest).toEqual({
      time: '07:30',
      timeZone: 'Europe/Berlin',
      channels: ['C1', 'C2'],
      demoAfterMs: 5_000,
    });
    expect(loadConfig({ ...em, ALERT_CHANNEL: 'C1', DIGEST_CHANNELS: 'off' }).digest.channels).toEqual([]);
  });

  it('refuses a malformed time and an unknown zone, naming the variable', () => {
    expect(() => loadConfig({ ...em, DIGEST_TIME: '8am' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...em, DIGEST_TIME: '24:00' })).toThrow(/^DIGEST_TIME/);
    expect(() => loadConfig({ ...em, DIGEST_TZ: 'Mars/Olympus' })).toThrow(/^DIGEST_TZ must be an IANA/);
  });
});
