import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAlerts } from './alerts.js';
import { benchDigest } from './digest.js';
import { benchGlobMatch } from './glob-match.js';
import { benchFlood } from './flood.js';
import { benchEmLimits } from './em-limits.js';
import { benchMemory } from './memory.js';
import { benchPollCost } from './poll-cost.js';
import { benchProtection } from './protection.js';
import { benchReplicas } from './replicas.js';
import { formatTable, machineInfo, writeResults } from './report.js';
import { SECTION_IDS, type BenchOptions, type SectionId, type SectionResult } from './section.js';
import { benchSlashCommands } from './slash-commands.js';
import { benchStateSize } from './state-size.js';
import { benchXmlThroughput } from './xml-throughput.js';

const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results.json');

const SECTIONS: Record<SectionId, (options: BenchOptions) => Promise<SectionResult>> = {
  poll: () => benchPollCost(),
  commands: () => benchSlashCommands(),
  alerts: () => benchAlerts(),
  xml: () => benchXmlThroughput(),
  memory: (options) => benchMemory(options.memoryMinutes),
  state: () => benchStateSize(),
  globs: () => benchGlobMatch(),
  flood: () => benchFlood(),
  'em-limits': () => benchEmLimits(),
  digest: () => benchDigest(),
  protection: () => benchProtection(),
  replicas: () => benchReplicas(),
};

/** Reads BENCH_ONLY (comma-separated section ids) and BENCH_MEMORY_MINUTES (default 10). */
function readOptions(env: NodeJS.ProcessEnv): { only: SectionId[]; options: BenchOptions; command: string } {
  const only = (env['BENCH_ONLY'] ?? SECTION_IDS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((s) => !(SECTION_IDS as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')}; use ${SECTION_IDS.join(',')}`);
  const minutes = Number(env['BENCH_MEMORY_MINUTES'] ?? 10);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error('BENCH_MEMORY_MINUTES must be a positive number');
  const prefix = [
    env['BENCH_ONLY'] ? `BENCH_ONLY=${env['BENCH_ONLY']}` : '',
    env['BENCH_MEMORY_MINUTES'] ? `BENCH_MEMORY_MINUTES=${env['BENCH_MEMORY_MINUTES']}` : '',
  ].filter(Boolean);
  return {
    only: SECTION_IDS.filter((id) => only.includes(id)),
    options: { memoryMinutes: minutes },
    command: [...prefix, 'npm run bench'].join(' '),
  };
}

async function main(): Promise<void> {
  const { only, options, command } = readOptions(process.env);
  const startedAt = new Date();
  const machine = machineInfo();
  process.stdout.write(
    `${command}\n${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, ${startedAt.toISOString()}\n`,
  );
  const results: SectionResult[] = [];
  for (const id of only) {
    const sectionStart = Date.now();
    process.stdout.write(`running ${id}...\n`);
    results.push(await SECTIONS[id](options));
    process.stdout.write(`  ${id} took ${Math.round((Date.now() - sectionStart) / 1000)} s\n`);
  }
  const durationS = Math.round((Date.now() - startedAt.getTime()) / 1000);
  process.stdout.write(
    `${formatTable(results)}\n\nProduced by: ${command}  (${durationS} s; figures in bench/results.json)\n`,
  );
  writeResults(RESULTS_FILE, { command, startedAt: startedAt.toISOString(), durationS, sections: results });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
