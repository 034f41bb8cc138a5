/** The sections `BENCH_ONLY` can pick, in the order they run. */
export const SECTION_IDS = [
  'poll',
  'commands',
  'alerts',
  'xml',
  'memory',
  'state',
  'globs',
  'flood',
  'em-limits',
  'digest',
  'protection',
  'replicas',
] as const;
/** One section id. */
export type SectionId = (typeof SECTION_IDS)[number];

/** One line of the printed table: a measure, its value, and the goal it is held to (if any). */
export interface Row {
  measure: string;
  value: string;
  goal?: string;
  /** Whether the goal was met; undefined when the row has no goal. */
  met?: boolean;
}

/** What a section hands back: table rows plus every raw figure for results.json. */
export interface SectionResult {
  id: SectionId;
  title: string;
  rows: Row[];
  figures: Record<string, unknown>;
}

/** Options every section receives from the runner. */
export interface BenchOptions {
  memoryMinutes: number;
}
