import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { SectionResult } from './section.js';

/** The machine the figures were taken on. */
export function machineInfo() {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    node: process.version,
    platform: process.platform,
  };
}

/** Renders all sections as one plain-text table: measure, value, goal, and OK / SHORT where a goal applies. */
export function formatTable(sections: SectionResult[]): string {
  const lines: string[] = [];
  const width = Math.max(...sections.flatMap((s) => s.rows.map((r) => r.measure.length)), 10);
  const valueWidth = Math.max(...sections.flatMap((s) => s.rows.map((r) => r.value.length)), 10);
  for (const section of sections) {
    lines.push('', `== ${section.title}`);
    for (const row of section.rows) {
      const verdict = row.met === undefined ? '' : row.met ? 'OK' : 'SHORT';
      const goal = row.goal ? `goal ${row.goal}` : '';
      lines.push(
        `  ${row.measure.padEnd(width)}  ${row.value.padEnd(valueWidth)}  ${goal} ${verdict}`.trimEnd(),
      );
    }
  }
  return lines.join('\n');
}

/** Writes every figure, the machine, the date and the command to the results file. */
export function writeResults(
  path: string,
  report: { command: string; startedAt: string; durationS: number; sections: SectionResult[] },
): void {
  const body = {
    date: report.startedAt,
    command: report.command,
    durationS: report.durationS,
    machine: machineInfo(),
    sections: Object.fromEntries(
      report.sections.map((s) => [s.id, { title: s.title, rows: s.rows, figures: s.figures }]),
    ),
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
}
