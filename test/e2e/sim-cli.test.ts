import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmClient } from '../../src/em/client.js';
import { retryPolicies } from '../../src/em/retry-policies.js';
import { silentLogger } from '../../src/shared/logger.js';
import { freshFolder } from '../helpers/bot-process.js';
import { waitUntil } from '../helpers/wait.js';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'simulator', 'cli.js');

/** `npm run sim -- …` as a user runs it: prints what to configure, serves it, stops on SIGTERM. */
describe('the simulator CLI', () => {
  it('prints the URL, the credentials and the CA file, serves HTTPS with them, and stops cleanly', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--port',
        '0',
        '--no-live',
        '--history',
        '20',
        '--tls',
        '--cert-dir',
        freshFolder(),
        '--user',
        'TECH\\svc',
        '--password',
        'p4ss',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitUntil(() => /VEEAM_CA_FILE=\S+/.test(out), { timeoutMs: 15_000, what: () => out });
    const url = /VEEAM_URL=(\S+)/.exec(out)?.[1] ?? '';
    const caFile = /VEEAM_CA_FILE=(\S+)/.exec(out)?.[1] ?? '';
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(out).toContain('VEEAM_USERNAME=TECH\\svc');
    expect(out).toContain('VEEAM_PASSWORD=p4ss');

    const client = createEmClient({
      apiBase: url,
      username: 'TECH\\svc',
      password: 'p4ss',
      timeoutMs: 5000,
      retryPolicy: retryPolicies.fast,
      logger: silentLogger,
      ca: readFileSync(caFile, 'utf8'),
    });
    expect((await client.root()).supportedVersions).toContain('v1_7');
    expect((await client.logon()).userName).toMatch(/svc$/);
    const all = await Promise.all(
      ['BackupJobSession', 'ReplicaJobSession', 'CdpReplicaSession', 'CloudFailoverSession'].map((type) =>
        client.querySessions({ type, pageSize: 100 }, 100),
      ),
    );
    expect(all.flat()).toHaveLength(20); // --history 20 and --no-live: exactly the history, nothing more
    await client.close();

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
