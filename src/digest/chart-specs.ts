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

/** Used and free space per repository (fullest first, at most 12), the used part red below the warning level. */
export function repositoryChartSpec(
  repositories: DigestRepository[],
  warnPercent: number,
  title: string,
): ChartSpec {
  const values = repositories
    .filter((r) => r.freePercent !== undefined)
    .slice(0, 12)
    .flatMap((r) => {
      const free = r.freePercent ?? 0;
      const used = Math.round((100 - free) * 10) / 10;
      const low = free < warnPercent;
      return [
        { name: r.name.slice(0, 30), part: low ? 'Used, low space' : 'Used', percent: used, rank: 0 },
        { name: r.name.slice(0, 30), part: 'Free', percent: free, rank: 1 },
      ];
    });
  // Only the parts present go into the legend: a legend swatch of the low-space red would read as an alarm.
  const parts = (['Used', 'Used, low space', 'Free'] as const).filter((p) =>
    values.some((v) => v.part === p),
  );
  const colours = { Used: '#1264A3', 'Used, low space': RESULT_COLOURS.Failed, Free: '#DDDDDD' };
  return {
    ...baseConfig(title),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      x: {
        field: 'percent',
        type: 'quantitative',
        stack: 'zero',
        title: '% of capacity',
        scale: { domain: [0, 100] },
      },
      color: {
        field: 'part',
        type: 'nominal',
        title: null,
        scale: { domain: parts, range: parts.map((p) => colours[p]) },
        legend: { orient: 'top', direction: 'horizontal' },
      },
      order: { field: 'rank', type: 'quantitative' },
    },
  };
}
