import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tlsOptions } from '../../../src/store/postgres/pg.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('tlsOptions (PGSSLMODE and STATE_CA_FILE)', () => {
  const caFile = join(mkdtempSync(join(tmpdir(), 'pg-tls-')), 'ca.pem');
  writeFileSync(caFile, CA);

  it.each(['disable', 'allow', 'prefer'])('%s never turns TLS on, even with a CA file', (sslMode) => {
    expect(tlsOptions({ sslMode, caFile })).toEqual({ ssl: false });
    expect(tlsOptions({ sslMode })).toEqual({ ssl: false });
  });

  it('require encrypts without checking the certificate', () => {
    expect(tlsOptions({ sslMode: 'require', caFile })).toEqual({ ssl: { rejectUnauthorized: false } });
  });

  it('verify-ca checks the chain against the CA file but not the host name', () => {
    const { ssl } = tlsOptions({ sslMode: 'verify-ca', caFile }) as { ssl: Record<string, unknown> };
    expect(ssl).toMatchObject({ ca: CA, rejectUnauthorized: true });
    expect((ssl['checkServerIdentity'] as () => unknown)()).toBeUndefined();
  });

  it('verify-full checks the chain and the host name', () => {
    expect(tlsOptions({ sslMode: 'verify-full', caFile })).toEqual({
      ssl: { ca: CA, rejectUnauthorized: true },
    });
  });

  it('unset: TLS with verification when a CA file is given, else left to the URL', () => {
    expect(tlsOptions({ caFile })).toEqual({ ssl: { ca: CA, rejectUnauthorized: true } });
    expect(tlsOptions({})).toEqual({});
  });
});
