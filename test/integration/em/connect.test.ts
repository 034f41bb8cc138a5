import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectEm, type EmConnectOptions } from '../../../src/em/connect.js';
import { ConfigError } from '../../../src/shared/errors.js';
import { freshFolder } from '../../helpers/bot-process.js';
import { createCapturingLogger } from '../../helpers/capture-logger.js';

const em = (overrides: Partial<EmConnectOptions>): EmConnectOptions => ({
  url: 'https://127.0.0.1:9/api/',
  username: 'svc',
  password: 'secret-pw',
  caFile: undefined,
  tlsInsecure: false,
  timeoutMs: 1000,
  ...overrides,
});

describe('connectEm (a real EM)', () => {
  it('warns at start when TLS verification is off, without logging the password', async () => {
    const { lines, logger } = createCapturingLogger();
    const connection = await connectEm(em({ tlsInsecure: true }), { logger });
    await connection.close();
    const warning = lines.find((l) => l['level'] === 40);
    expect(String(warning?.['msg'])).toMatch(/VEEAM_TLS_INSECURE=true/);
    expect(JSON.stringify(lines)).not.toContain('secret-pw');
  });

  it('stops with a one-line config error for an unreadable or non-PEM VEEAM_CA_FILE', async () => {
    const { logger } = createCapturingLogger();
    await expect(connectEm(em({ caFile: join(freshFolder(), 'missing.pem') }), { logger })).rejects.toThrow(
      ConfigError,
    );
    const notPem = join(freshFolder(), 'not.pem');
    writeFileSync(notPem, 'hello');
    await expect(connectEm(em({ caFile: notPem }), { logger })).rejects.toThrow(
      /VEEAM_CA_FILE .* holds no PEM certificate/,
    );
  });
});
