// The baselines are the parsers themselves, so this file imports them directly (src/ keeps saxes behind em/xml.ts).
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { mapDocument } from '../src/em/mappers/documents.js';
import { parseXml } from '../src/em/xml.js';
import { fetchRawEm } from './em-page.js';
import type { SectionResult } from './section.js';
import { startSimProcess } from './sim-process.js';
import { median, msSince, round } from './stats.js';

const PAGE = 'query?type=BackupJobSession&format=Entities&pageSize=1000';
const RUNS = 7;
const RUN_MS = 1000;
const MAX_ITERATIONS = 10_000;

/**
 * Section 4: sessions per second through parseXml + mapDocument versus saxes reading the page with no handlers
 * (the floor: tokenising alone), and versus fast-xml-parser's bare parse (the parser the client used before).
 */
export async function benchXmlThroughput(): Promise<SectionResult> {
  const sim = await startSimProcess({ history: 10_000 });
  let body: string;
  try {
    body = await fetchRawEm(sim, PAGE);
  } finally {
    await sim.stop();
  }
  const document = mapDocument(parseXml(body));
  const items = document.kind === 'list' ? document.sessions.length : 0;
  if (items !== 1000) throw new Error(`expected 1000 sessions on the page, got ${items}`);
  const previous = new XMLParser({ ignoreAttributes: false });
  const oursRates: number[] = [];
  const bareRates: number[] = [];
  const previousRates: number[] = [];
  // Alternate them so drift (GC, CPU frequency) hits all alike; the first round warms the JIT.
  for (let run = 0; run <= RUNS; run += 1) {
    const ours = rate(() => mapDocument(parseXml(body)), items);
    const bare = rate(() => new SaxesParser({ position: false }).write(body).close(), items);
    const before = rate(() => previous.parse(body), items);
    if (run > 0) {
      oursRates.push(ours);
      bareRates.push(bare);
      previousRates.push(before);
    }
  }
  const ours = median(oursRates);
  const theirs = median(bareRates);
  const before = median(previousRates);
  const overhead = theirs / ours;
  return {
    id: 'xml',
    title: `XML mapping: a 1000-session QueryResult page (${round(body.length / 1024, 0)} KiB), median of ${RUNS} x ${RUN_MS} ms`,
    rows: [
      { measure: 'ours: parseXml + mapDocument', value: `${Math.round(ours)} sessions/s` },
      { measure: 'bare saxes pass, no handlers', value: `${Math.round(theirs)} sessions/s` },
      { measure: 'our overhead (time ours / time bare)', value: `x${round(overhead, 2)}` },
      {
        measure: 'fast-xml-parser bare parse (the parser before saxes)',
        value: `${Math.round(before)} sessions/s`,
      },
      { measure: 'ours against it (its time / ours)', value: `x${round(before > 0 ? ours / before : 0, 2)}` },
    ],
    figures: {
      page: PAGE,
      bodyBytes: Buffer.byteLength(body),
      items,
      oursRates,
      bareRates,
      previousRates,
      ours,
      bare: theirs,
      previous: before,
      overhead,
    },
  };
}

/** Sessions per second: repeat `work` for about RUN_MS (bounded in count too). */
function rate(work: () => unknown, items: number): number {
  const start = process.hrtime.bigint();
  let iterations = 0;
  while (iterations < MAX_ITERATIONS && msSince(start) < RUN_MS) {
    work();
    iterations += 1;
  }
  return (iterations * items) / (msSince(start) / 1000);
}
