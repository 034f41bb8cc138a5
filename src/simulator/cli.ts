import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';

const USAGE = `Usage: npm run sim -- [--port 9398] [--host 127.0.0.1] [--seed 42] [--history 1000] [--no-live]
                      [--tls] [--cert-dir DIR] [--user demo --password demo] [--public-url URL] [--speed 1]
                      [--replica-typo] [--json-bom] [--refuse-actions-with task|http]
`;

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

function refuseOption(value: string | undefined): 'task' | 'http' {
  if (value === undefined || value === 'task' || value === 'http') return value ?? 'task';
  throw new Error('--refuse-actions-with must be task or http');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      history: { type: 'string' },
      'no-live': { type: 'boolean' },
      tls: { type: 'boolean' },
      'cert-dir': { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      'public-url': { type: 'string' },
      speed: { type: 'string' },
      'replica-typo': { type: 'boolean' },
      'json-bom': { type: 'boolean' },
      'refuse-actions-with': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const started = Date.now();
  const sim = await startSimulator({
    port: numberOption(values.port, 'port', 9398),
    host: values.host ?? '127.0.0.1',
    seed: numberOption(values.seed, 'seed', 42),
    history: numberOption(values.history, 'history', 1000),
    live: !values['no-live'],
    tls: values.tls ?? false,
    certDir: values['cert-dir'],
    user: values.user ?? 'demo',
    password: values.password ?? 'demo',
    publicBaseUrl: values['public-url'],
    clock: { speed: numberOption(values.speed, 'speed', 1) },
    replicaTaskTypo: values['replica-typo'] ?? false,
    jsonBom: values['json-bom'] ?? false,
    refuseActionsWith: refuseOption(values['refuse-actions-with']),
  });
  const lines = [
    `Veeam EM REST simulator ready in ${Date.now() - started} ms`,
    `  VEEAM_URL=${sim.url}`,
    `  VEEAM_USERNAME=${sim.user}`,
    `  VEEAM_PASSWORD=${sim.password}`,
    ...(sim.caFile
      ? [`  VEEAM_CA_FILE=${sim.caFile}   (self-signed certificate: trust it with this file)`]
      : []),
    `  control API: ${sim.origin}/_sim/ (see docs/simulator.md)`,
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('Stopping the simulator...\n');
    sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(1);
});
