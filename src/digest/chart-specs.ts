import { dayLabel } from './digest-text.js';
import type { DigestDay, DigestRepository } from './digest-types.js';

/** A vega-lite specification as plain data (only chart-render.ts knows the library's types). */
export type ChartSpec = Record<string, unknown>;

/** Slack's own green, yellow and red, for Success, Warning and Failed. */
export const RESULT_COLOURS = { Success: '#2EB67D', Warning: '#ECB22E', Failed: '#E01E5A' } as const;

/** The chart's size in pixels: 16:9, wide enough to stay legible when a phone scales it down. */
export const CHART_SIZE = { width: 1200, height: 675 } as const;

const FONT = 'DejaVu Sans';

/** Large type and no chart junk: the picture is read on a phone. */
function baseConfig(title: string) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...CHART_SIZE,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 24,
    background: 'white',
    title: { text: title, fontSize: 30, anchor: 'start', font: FONT },
    config: {
      font: FONT,
      axis: { labelFontSize: 22, titleFontSize: 22, labelFont: FONT, titleFont: FONT, grid: true },
      legend: { labelFontSize: 22, titleFontSize: 22, symbolSize: 400, labelFont: FONT },
      view: { stroke: null },
    },
  };
}

/**
 * Stacked bars of Success / Warning / Failed sessions per local day, oldest left. The days are already local
 * dates in DIGEST_TZ, labelled as such, so the axis needs no zone of its own.
 */
export function trendChartSpec(trend: DigestDay[], title: string): ChartSpec {
  const names = Object.keys(RESULT_COLOURS) as Array<keyof typeof RESULT_COLOURS>;
  const values = trend.flatMap((d) =>
    names.map((result, rank) => ({
      day: dayLabel(d.date),
      result,
      rank,
      count: d.counts[result === 'Success' ? 'success' : result === 'Warning' ? 'warning' : 'failed'],
    })),
  );
  return {
    ...baseConfig(title),
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 0 },
    encoding: {
      x: { field: 'day', type: 'ordinal', sort: null, title: null, axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', stack: 'zero', title: 'Sessions' },
      color: {
        field: 'result',
        type: 'nominal',
        title: null,
        scale: { domain: names, range: names.map((n) => RESULT_COLOURS[n]) },
        legend: { orient: 'top', direction: 'horizontal' },
      },
      order: { field: 'rank', type: 'quantitative' },
    },
  };
}

/** The space levels a repository chart colours by: free below `warnPercent` is a warning, below `critPercent` critical. */
export interface RepositoryLevels {
  warnPercent: number;
  critPercent: number;
}

/** The used part's colour per level (Slack's blue, yellow, red), and the free part's grey. */
export const REPOSITORY_COLOURS = {
  ok: '#1264A3',
  warning: RESULT_COLOURS.Warning,
  critical: RESULT_COLOURS.Failed,
  free: '#D5D5D5',
} as const;

/** Repositories the usage chart shows: those whose free space EM reports, fullest first as given, at most this many. */
export const REPOSITORY_CHART_MAX = 12;

/** The repositories a usage chart would show (none: no chart). */
export function chartedRepositories(repositories: DigestRepository[]): DigestRepository[] {
  return repositories.filter((r) => r.freePercent !== undefined).slice(0, REPOSITORY_CHART_MAX);
}

/** A repository's level against REPO_WARN_PERCENT / REPO_CRIT_PERCENT, as the protection loop judges it. */
export function repositoryLevel(
  freePercent: number,
  levels: RepositoryLevels,
): 'ok' | 'warning' | 'critical' {
  if (freePercent < levels.critPercent) return 'critical';
  return freePercent < levels.warnPercent ? 'warning' : 'ok';
}

/**
 * Horizontal bars of used and free space per repository (fullest first, at most 12), the used part coloured by
 * level: blue, yellow below the warning level, red below the critical one; labels sized for a phone.
 */
export function repositoryChartSpec(
  repositories: DigestRepository[],
  levels: RepositoryLevels,
  title: string,
): ChartSpec {
  const labels = {
    ok: 'Used',
    warning: `Under ${levels.warnPercent}% free`,
    critical: `Under ${levels.critPercent}% free`,
    free: 'Free',
  };
  const values = chartedRepositories(repositories).flatMap((r, row) => {
    const free = r.freePercent ?? 0;
    const used = Math.round((100 - free) * 10) / 10;
    // The row number keeps two repositories of the same (truncated) name apart; the label is the name.
    const name = `${row}|${r.name.length > 24 ? `${r.name.slice(0, 23)}…` : r.name}`;
    return [
      { name, part: labels[repositoryLevel(free, levels)], percent: used, rank: 0 },
      { name, part: labels.free, percent: free, rank: 1 },
    ];
  });
  // Only the parts present go into the legend: a swatch of an absent level would read as an alarm.
  const keys = (['ok', 'warning', 'critical', 'free'] as const).filter((k) =>
    values.some((v) => v.part === labels[k]),
  );
  const y = {
    field: 'name',
    type: 'nominal',
    sort: null,
    title: null,
    // Headless vega measures text without a canvas (0.8 em a character): 430 px holds the 24 characters kept.
    axis: { labelExpr: "slice(datum.label, indexof(datum.label, '|') + 1)", labelLimit: 430 },
  };
  return {
    ...baseConfig(title),
    data: { values },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: {
            field: 'percent',
            type: 'quantitative',
            stack: 'zero',
            title: '% of capacity',
            scale: { domain: [0, 100] },
            axis: { values: [0, 25, 50, 75, 100] },
          },
          color: {
            field: 'part',
            type: 'nominal',
            title: null,
            scale: { domain: keys.map((k) => labels[k]), range: keys.map((k) => REPOSITORY_COLOURS[k]) },
            legend: { orient: 'top', direction: 'horizontal', labelLimit: 300 },
          },
          order: { field: 'rank', type: 'quantitative' },
        },
      },
      {
        // The used share written at the end of its bar (white on the colour), when the bar is wide enough.
        transform: [{ filter: 'datum.rank == 0 && datum.percent >= 12' }],
        mark: { type: 'text', align: 'right', dx: -10, fontSize: 22, fontWeight: 'bold', color: 'white' },
        encoding: {
          y,
          x: { field: 'percent', type: 'quantitative' },
          text: { field: 'percent', type: 'quantitative', format: '.0f' },
        },
      },
    ],
  };
}
