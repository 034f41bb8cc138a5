import type { RunningSimulator } from '../../../src/simulator/index.js';
import { apiGet, logon, startTestSim } from './sim-helpers.js';

const MAX_REQUESTS = 3000;
/** Distinct resources visited per link shape (GUIDs and task ids folded), so every kind is reached. */
const PER_SHAPE = 4;

let sim: RunningSimulator;
let token: string;

beforeAll(async () => {
  sim = await startTestSim({ history: 300 });
  token = await logon(sim);
});
afterAll(() => sim.stop());

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Path plus sorted query without paging: the same resource reached twice is fetched once. */
function normalise(path: string): string {
  const [p = '', q = ''] = path.split('?');
  const params = q
    .split('&')
    .filter((x) => x !== '' && !/^page=/i.test(x))
    .map((x) => x.toLowerCase())
    .sort();
  return `${p.toLowerCase()}?${params.join('&')}`;
}

const shapeOf = (key: string): string => key.replace(GUID, '{id}').replace(/task-\d+/g, '{task}');

/** Every Href in a body (links and entity Hrefs), XML-decoded, as a path after /api/. */
function hrefsOf(xml: string): string[] {
  return [...xml.matchAll(/Href="([^"]*)"/g)].map((m) =>
    (m[1] ?? '').replace(/&amp;/g, '&').replace(/^https?:\/\/[^/]+\/api\//, ''),
  );
}

/** POST-only targets: actions and the logon. */
const isAction = (path: string): boolean => /[?&]action=/i.test(path) || /^sessionmngr/i.test(path);

describe('link walk', () => {
  it('every link reachable from /api/ answers (no 404, no 500)', async () => {
    const queue = [''];
    const seen = new Set<string>(['?']);
    const perShape = new Map<string, number>();
    const failures: string[] = [];
    let requests = 0;
    while (queue.length > 0 && requests < MAX_REQUESTS) {
      const path = queue.shift() as string;
      const res = await apiGet(sim, path, token);
      requests++;
      if (res.status === 404 || res.status >= 500) failures.push(`${res.status} ${path}`);
      if (res.status !== 200) continue;
      for (const href of hrefsOf(res.text)) {
        if (isAction(href)) continue;
        const key = normalise(href);
        if (seen.has(key)) continue;
        seen.add(key);
        const shape = shapeOf(key);
        const n = perShape.get(shape) ?? 0;
        if (n >= PER_SHAPE) continue;
        perShape.set(shape, n + 1);
        queue.push(href);
      }
    }
    expect(failures).toEqual([]);
    // The walk reached the whole estate, not just the root.
    const shapes = [...perShape.keys()].join('\n');
    for (const want of ['jobs/{id}/replicasessions', 'restorepoints/{id}', 'repositories/{id}', 'query?'])
      expect(shapes).toContain(want);
    expect(requests).toBeGreaterThan(100);
  });
});
