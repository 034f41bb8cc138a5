import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderChartPng } from '../../../src/digest/chart-render.js';
import {
  CHART_SIZE,
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

  it('renders the repository chart with the low-space colour only when a repository is low', async () => {
    const repos = [
      { name: 'Repo A', capacityBytes: 100, freeBytes: 5, freePercent: 5 },
      { name: 'Repo B', capacityBytes: 100, freeBytes: 60, freePercent: 60 },
    ];
    const low = decodePng((await renderChartPng(repositoryChartSpec(repos, 10, 'Repositories'))).png);
    expect(countColour(low, RESULT_COLOURS.Failed)).toBeGreaterThan(500);
    const fine = decodePng((await renderChartPng(repositoryChartSpec(repos, 1, 'Repositories'))).png);
    expect(countColour(fine, RESULT_COLOURS.Failed)).toBe(0);
    expect(countColour(fine, '#1264A3')).toBeGreaterThan(500);
  });
});
