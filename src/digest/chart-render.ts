import type { Resvg } from '@resvg/resvg-js';
import type * as Vega from 'vega';
import type { compile, TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './chart-specs.js';

/** A rendered chart: the PNG bytes, its size, and how long rendering took. */
export interface RenderedChart {
  png: Buffer;
  width: number;
  height: number;
  renderMs: number;
}

let libraries: Promise<ChartLibraries> | undefined;

interface ChartLibraries {
  vega: typeof Vega;
  compile: typeof compile;
  Resvg: typeof Resvg;
}

/** Loads the chart libraries once, one after the other: vega-lite shares modules with vega. */
function chartLibraries(): Promise<ChartLibraries> {
  libraries ??= (async () => {
    const vega = await import('vega');
    const { compile } = await import('vega-lite');
    const { Resvg } = await import('@resvg/resvg-js');
    return { vega, compile, Resvg };
  })();
  return libraries;
}

/**
 * The only file that imports vega, vega-lite and @resvg/resvg-js: compiles a vega-lite spec, renders it headless
 * to SVG with vega's View (no canvas, `renderer: 'none'`), then rasterises the SVG to PNG with resvg, using the
 * system's fonts (DejaVu Sans by default). The three load on the first chart, not with the bot: vega and d3 are
 * a few hundred modules that only the daily digest uses.
 */
export async function renderChartPng(
  spec: ChartSpec,
  now: () => number = () => performance.now(),
): Promise<RenderedChart> {
  const started = now();
  const { vega, compile, Resvg } = await chartLibraries();
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const image = new Resvg(svg, {
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      fitTo: { mode: 'original' },
      background: 'white',
    }).render();
    const png = image.asPng();
    return { png, width: image.width, height: image.height, renderMs: now() - started };
  } finally {
    view.finalize();
  }
}
