// Jest's testSequencer. Jest runs the files it timed before slowest first, and the
// others by file size; on a clean clone (CI: no cache) that puts the small but slow e2e files last, and one of
// them running alone at the end costs the run its length. Here an e2e file with no timing counts as slow.
import jestSequencer from '@jest/test-sequencer';

// A CommonJS module: its class is the `default` export of the module object.
const Sequencer = jestSequencer.default;

/** What a file without timing is taken to last (ms): an e2e file waits on a child bot; others are small. */
const UNTIMED_E2E_MS = 10_000;
const E2E = /[\\/]test[\\/](e2e|chaos)[\\/]/;
/** The longest files, as measured alone (ms): only their order matters, and only when Jest has no timing. */
const KNOWN_SLOW = {
  'chaos/crashes.test.ts': 60_000,
  'chaos/em-faults.test.ts': 30_000,
  'chaos/replicas.test.ts': 30_000,
  'e2e/protection-demo.test.ts': 16_000,
  'e2e/crash.test.ts': 15_000,
};
const knownSlow = (path) =>
  Object.entries(KNOWN_SLOW).find(([suffix]) => path.replaceAll('\\', '/').endsWith(`/test/${suffix}`))?.[1];

export default class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const expected = (test) =>
      this.time(test) ?? knownSlow(test.path) ?? (E2E.test(test.path) ? UNTIMED_E2E_MS : 0);
    const failed = (test) => (this.hasFailed(test) ? 1 : 0);
    const sorted = [...tests].sort(
      (a, b) => failed(b) - failed(a) || expected(b) - expected(a) || size(b) - size(a),
    );
    return interleave(
      sorted.filter((test) => E2E.test(test.path)),
      sorted.filter((test) => !E2E.test(test.path)),
    );
  }
}

/**
 * One e2e file, then one other, in turn: an e2e file mostly waits on its child process (about half a core), so
 * pairing it with a file that computes keeps both cores busy, where two e2e files side by side left one idle.
 */
function interleave(waiting, computing) {
  const order = [];
  for (let i = 0; i < Math.max(waiting.length, computing.length); i += 1) {
    if (i < waiting.length) order.push(waiting[i]);
    if (i < computing.length) order.push(computing[i]);
  }
  return order;
}
