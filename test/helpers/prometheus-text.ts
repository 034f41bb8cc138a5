/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: -?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;

/**
 * Parses the Prometheus text exposition strictly: every line is a comment (`# HELP`, `# TYPE`), blank, or
 * `name{labels} value`; anything else throws with the line.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /.test(line)) continue;
    const match = SAMPLE.exec(line);
    // Go's ParseFloat (Prometheus's) reads NaN in any case; prom-client writes `Nan` for an empty event-loop window.
    const value = match ? Number(match[3] === '+Inf' ? Infinity : match[3]) : NaN;
    if (!match || (Number.isNaN(value) && !/^nan$/i.test(match[3] ?? '')))
      throw new Error(`not Prometheus text: ${line}`);
    samples.push({ name: match[1]!, labels: parseLabels(match[2] ?? '', line), value });
  }
  return samples;
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let consumed = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    labels[m[1]!] = m[2]!;
    consumed = LABEL.lastIndex;
  }
  if (consumed !== text.length) throw new Error(`bad labels: ${line}`);
  return labels;
}

/** The value of the sample with this name (and these labels), or undefined. */
export function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  )?.value;
}
