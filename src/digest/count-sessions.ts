import type { EmClient } from '../em/client.js';
import { enumValue, where } from '../em/query.js';
import { SESSION_FIELDS } from '../em/query-fields.js';
import type { SessionKind } from '../em/types.js';
import { noCounts, type ResultCounts } from './digest-types.js';

const RESULTS = [
  ['success', 'Success'],
  ['warning', 'Warning'],
  ['failed', 'Failed'],
] as const;

/**
 * How many sessions of `kind` created in (sinceMs, untilMs] ended with `result`: one query with a page of one
 * item, whose PagesCount is then the number of matches (docs/em-protocol.md, "Counting with a one-item page").
 * Cost is one request whatever the estate's size.
 */
export async function countSessions(
  client: EmClient,
  kind: SessionKind,
  result: string,
  window: { sinceMs: number; untilMs: number },
): Promise<number> {
  const fields = SESSION_FIELDS[kind];
  const filter = {
    and: [
      where(fields.creation, '>', new Date(window.sinceMs)),
      where(fields.creation, '<=', new Date(window.untilMs)),
      where(fields.result, '==', enumValue(result)),
    ],
  };
  for await (const page of client.pages({ type: kind, filter, pageSize: 1 }, 1)) {
    return page.sessions.length === 0 ? 0 : page.pagesCount;
  }
  return 0;
}

/** Success, Warning and Failed counts of one session type over one window (three requests). */
export async function countResults(
  client: EmClient,
  kind: SessionKind,
  window: { sinceMs: number; untilMs: number },
): Promise<ResultCounts> {
  const counts = noCounts();
  const values = await Promise.all(RESULTS.map(([, result]) => countSessions(client, kind, result, window)));
  RESULTS.forEach(([key], i) => (counts[key] = values[i] ?? 0));
  return counts;
}

/** Runs `tasks` with at most `limit` in flight, keeping their order: EM is not asked 100 things at once. */
export async function runLimited<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return out;
}
