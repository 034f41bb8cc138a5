/**
 * Where one command's time goes, alone: `npm run build && tsx bench/command-probe.ts [history]` runs the bench's
 * status and vm commands one at a time against the simulator in its own process and prints, per command kind,
 * the median wall time, the bot's CPU, the simulator process's CPU (from /proc, Linux only) and the EM requests.
 */
import { readFileSync } from 'node:fs';
import { runCommand } from '../src/commands/run-command.js';
import { pickCommandNames, simCommandDeps } from './command-names.js';
import { startSimProcess } from './sim-process.js';
import { cpuMsSince, median, msSince, round } from './stats.js';

const history = Number(process.argv[2] ?? 100_000);
const sim = await startSimProcess({ history });
/** The simulator process's user + system CPU in ms (clock ticks of 10 ms). */
const simCpuMs = (): number => {
  const fields = readFileSync(`/proc/${sim.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const deps = simCommandDeps(sim, 30_000);
const { client } = deps;
try {
  const names = await pickCommandNames(deps.catalog, 20);
  for (const [kind, args] of [
    ['status', names.jobs],
    ['vm', names.vms],
  ] as const) {
    const wall: number[] = [];
    const cpu: number[] = [];
    const requests: number[] = [];
    const simCpu: number[] = [];
    for (const arg of args) {
      await sim.resetStats();
      const cpuAt = process.cpuUsage();
      const simAt = simCpuMs();
      const at = process.hrtime.bigint();
      await runCommand(`${kind} ${arg}`, { userId: 'U1', channelId: 'C1' }, deps);
      wall.push(msSince(at));
      cpu.push(cpuMsSince(cpuAt));
      simCpu.push(simCpuMs() - simAt);
      const stats = await sim.stats();
      requests.push(stats.requests.total);
      if (arg === args[0])
        console.log(kind, JSON.stringify(stats.requests.byRoute), JSON.stringify(stats.requests.byType));
    }
    console.log(
      `${kind}: wall p50 ${round(median(wall), 1)} ms (max ${round(Math.max(...wall), 1)}), bot CPU p50 ${round(median(cpu), 1)} ms, simulator CPU p50 ${median(simCpu)} ms (sum ${simCpu.reduce((a, b) => a + b, 0)}), EM requests p50 ${median(requests)}`,
    );
  }
} finally {
  await client.close().catch(() => undefined);
  await sim.stop();
}
