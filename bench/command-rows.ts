import type { Row } from './section.js';
import { maximum, median, round } from './stats.js';

/** What one burst measured; the answer figures only where the bot answered (ours, not the bare server). */
export interface BurstFigures {
  ackP50: number;
  ackP99: number;
  ackMax: number;
  non200: number;
  answerP50?: number;
  answerP99?: number;
  unanswered?: number;
}

type Runs = { ours: BurstFigures[]; bare: BurstFigures[] };

const ms = (value: number) => `${round(value, 0)} ms`;
const ratio = (ours: number, bare: number) => `${round(ours / bare, 1)}×`;
const med = (runs: BurstFigures[], key: keyof BurstFigures) => median(runs.map((r) => r[key] ?? Number.NaN));
const worst = (runs: BurstFigures[]) => maximum(runs.map((r) => r.ackMax));

/** Ack p50/p99 are medians over the bursts; max is the worst single ack of all bursts. */
function ackRows(concurrent: number, runs: Runs): Row[] {
  const [o50, o99, oMax] = [med(runs.ours, 'ackP50'), med(runs.ours, 'ackP99'), worst(runs.ours)];
  const [b50, b99, bMax] = [med(runs.bare, 'ackP50'), med(runs.bare, 'ackP99'), worst(runs.bare)];
  return [
    { measure: `${concurrent}: ack p50 / p99 / max, ours`, value: `${ms(o50)} / ${ms(o99)} / ${ms(oMax)}` },
    { measure: `${concurrent}: ack p50 / p99 / max, bare`, value: `${ms(b50)} / ${ms(b99)} / ${ms(bMax)}` },
    {
      measure: `${concurrent}: ours / bare (p50, p99, max)`,
      value: `${ratio(o50, b50)}, ${ratio(o99, b99)}, ${ratio(oMax, bMax)}`,
    },
  ];
}

/** The table rows of the commands section, with the goals of issue 14. */
export function commandRows(figures: Record<number, Runs>): Row[] {
  const at200 = figures[200] as Runs;
  const at500 = figures[500] as Runs;
  const all = [...at200.ours, ...at500.ours];
  const answerP99 = med(at200.ours, 'answerP99');
  return [
    ...ackRows(200, at200),
    {
      measure: '200: ack p99, ours',
      value: ms(med(at200.ours, 'ackP99')),
      goal: '< 100 ms',
      met: med(at200.ours, 'ackP99') < 100,
    },
    { measure: '200: full answer p50 (response_url)', value: ms(med(at200.ours, 'answerP50')) },
    {
      measure: '200: full answer p99 (response_url)',
      value: ms(answerP99),
      goal: '< 2000 ms',
      met: answerP99 < 2000,
    },
    ...ackRows(500, at500),
    {
      measure: '500: slowest ack, ours',
      value: ms(worst(at500.ours)),
      goal: '< 1000 ms',
      met: worst(at500.ours) < 1000,
    },
    { measure: '500: full answer p99 (response_url)', value: ms(med(at500.ours, 'answerP99')) },
    {
      measure: 'non-200 acks / unanswered (all bursts, ours)',
      value: `${all.reduce((n, r) => n + r.non200, 0)} / ${all.reduce((n, r) => n + (r.unanswered ?? 0), 0)}`,
      goal: '0 / 0',
      met: all.every((r) => r.non200 === 0 && r.unanswered === 0),
    },
  ];
}
