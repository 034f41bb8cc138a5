import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for the simulator and where its PEM was written. */
export interface SimCertificate {
  key: string;
  cert: string;
  caFile: string;
}

/**
 * Generates a self-signed certificate for `host` (plus localhost and 127.0.0.1), as EM ships one by
 * default (docs/em-protocol.md, "Transport, TLS and versions"), and writes the certificate PEM so clients can trust it with VEEAM_CA_FILE.
 */
export async function createCertificate(host: string, certDir?: string): Promise<SimCertificate> {
  const names = [...new Set([host, 'localhost'])].filter(
    (n) => !/^\d+\.\d+\.\d+\.\d+$/.test(n) && n !== '::1',
  );
  const ips = [...new Set([host, '127.0.0.1'])].filter((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n));
  // Loaded here, not with the simulator: selfsigned pulls in a certificate toolkit only HTTPS needs.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.map((value) => ({ type: 2 as const, value })),
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  const dir = certDir ?? (await mkdtemp(join(tmpdir(), 'veeam-em-sim-')));
  await mkdir(dir, { recursive: true });
  const caFile = join(dir, 'em-simulator-cert.pem');
  await writeFile(caFile, pems.cert, 'utf8');
  return { key: pems.private, cert: pems.cert, caFile };
}
