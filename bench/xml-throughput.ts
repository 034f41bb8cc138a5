// The baseline is fast-xml-parser itself, so this file imports it directly (src/ keeps it behind em/xml.ts).
import { XMLParser } from 'fast-xml-parser';
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

/** Section 4: sessions per second through parseXml + mapDocument versus a bare fast-xml-parser parse. */
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
  const bare = new XMLParser({ ignoreAttributes: false });
  const oursRates: number[] = [];
  const bareRates: number[] = [];
  // Alternate the two so drift (GC, CPU frequency) hits both alike; the first pair warms the JIT.
  for (let run = 0; run <= RUNS; run += 1) {
    const ours = rate(() => mapDocument(parseXml(body)), items);
    const theirs = rate(() => bare.parse(body), items);
    if (run > 0) {
      oursRates.push(ours);
      bareRates.push(theirs);
    }
  }
  const ours = median(oursRates);
  const theirs = median(bareRates);
  const overhead = theirs / ours;
  return {
    id: 'xml',
    title: `XML mapping: a 1000-session QueryResult page (${round(body.length / 1024, 0)} KiB), median of ${RUNS} x ${RUN_MS} ms`,
    rows: [
      { measure: 'ours: parseXml + mapDocument', value: `${Math.round(ours)} sessions/s` },
      {
        measure: 'bare XMLParser({ ignoreAttributes: false }).parse',
        value: `${Math.round(theirs)} sessions/s`,
      },
      { measure: 'our overhead (time ours / time bare)', value: `x${round(overhead, 2)}` },
    ],
    figures: {
      page: PAGE,
      bodyBytes: Buffer.byteLength(body),
      items,
      oursRates,
      bareRates,
      ours,
      bare: theirs,
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
