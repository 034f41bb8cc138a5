import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChartPng } from '../../../src/digest/chart-render.js';
import {
  CHART_SIZE,
  REPOSITORY_COLOURS,
  RESULT_COLOURS,
  repositoryChartSpec,
  trendChartSpec,
} from '../../../src/digest/chart-specs.js';
import { countColour, decodePng } from '../../helpers/png-decode.js';

const trend = [
  '2025-10-20',
  '2025-10-21',
  '2025-10-22',
  '2025-10-23',
  '2025-10-24',
  '2025-10-25',
  '2025-10-26',
].map((date, i) => ({ date, counts: { success: 40 + i * 3, warning: 4 + (i % 3), failed: 2 + (i % 2) } }));

describe('renderChartPng', () => {
  it('renders the 7-day chart as a valid PNG of the expected size holding the three result colours', async () => {
    const chart = await renderChartPng(trendChartSpec(trend, 'Sessions per day'));
    const image = decodePng(chart.png);
    expect([image.width, image.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    expect([chart.width, chart.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    for (const colour of Object.values(RESULT_COLOURS))
      expect(countColour(image, colour)).toBeGreaterThan(500);
    const dir = mkdtempSync(join(tmpdir(), 'digest-chart-'));
    writeFileSync(join(dir, 'trend.png'), chart.png);
  });

  it('renders the repository chart as a PNG of the expected size, the used part coloured by level', async () => {
    const repos = [
      { name: 'Repo Critical', capacityBytes: 100, freeBytes: 3, freePercent: 3 },
      { name: 'Repo Warning', capacityBytes: 100, freeBytes: 10, freePercent: 10 },
      { name: 'Repo Fine', capacityBytes: 100, freeBytes: 60, freePercent: 60 },
    ];
    const levels = { warnPercent: 15, critPercent: 5 };
    const chart = await renderChartPng(repositoryChartSpec(repos, levels, 'Repository usage'));
    const image = decodePng(chart.png);
    expect([image.width, image.height]).toEqual([CHART_SIZE.width, CHART_SIZE.height]);
    for (const colour of Object.values(REPOSITORY_COLOURS))
      expect(countColour(image, colour)).toBeGreaterThan(500);
    const dir = mkdtempSync(join(tmpdir(), 'digest-chart-'));
    writeFileSync(join(dir, 'repositories.png'), chart.png);
  });

  it('draws no warning or critical colour when every repository is above the warning level', async () => {
    const repos = [
      { name: 'Repo A', capacityBytes: 100, freeBytes: 20, freePercent: 20 },
      { name: 'Repo B', capacityBytes: 100, freeBytes: 60, freePercent: 60 },
    ];
    const spec = repositoryChartSpec(repos, { warnPercent: 15, critPercent: 5 }, 'Repository usage');
    const fine = decodePng((await renderChartPng(spec)).png);
    expect(countColour(fine, REPOSITORY_COLOURS.critical)).toBe(0);
    expect(countColour(fine, REPOSITORY_COLOURS.warning)).toBe(0);
    expect(countColour(fine, REPOSITORY_COLOURS.ok)).toBeGreaterThan(500);
  });
});
