/**
 * The light runner awaits each test and hook to its end, whatever its timeout, so a test that never settles would
 * hold the whole run. This wraps the globals it defines: a test or hook fails after its own timeout (the third
 * argument, as in Jest) or else after `defaultMs`, with Jest's wording.
 */
export function limitTestTime(defaultMs) {
  const g = globalThis;
  for (const name of ['it', 'test']) g[name] = timedRegistrar(g[name], defaultMs);
  g.fit = g.test.only;
  for (const name of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
    const register = g[name];
    g[name] = (fn, ms) => register(timed(fn, ms ?? defaultMs, `a "${name}" hook`), ms);
  }
}

function timedRegistrar(register, defaultMs) {
  const wrap =
    (registerOne, rows = false) =>
    (title, fn, ms) =>
      registerOne(title, timed(fn, ms ?? defaultMs, 'a test', rows), ms);
  const timedOne = Object.assign(wrap(register), register);
  timedOne.only = Object.assign(wrap(register.only), register.only);
  // it.each(table) returns the registrar of its rows: their bodies take the row's values as arguments.
  timedOne.each = (...table) => wrap(register.each(...table), true);
  timedOne.only.each = (...table) => wrap(register.only.each(...table), true);
  return timedOne;
}

// The real timers, kept before any test can fake them (test/integration/store/lease-renewal.test.ts does).
const { setTimeout: arm, clearTimeout: disarm } = globalThis;

/** `rows`: the body of an it.each row, called with the row's values (never with a `done` callback). */
export function timed(fn, ms, what, rows = false) {
  // A body that takes `done` (none of ours do) is left as it is: the runner passes the callback by arity.
  if (typeof fn !== 'function' || (fn.length > 0 && !rows)) return fn;
  return function (...args) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = arm(() => reject(new Error(`Exceeded timeout of ${ms} ms for ${what}.`)), ms);
    });
    return Promise.race([Promise.resolve().then(() => fn.apply(this, args)), expired]).finally(() =>
      disarm(timer),
    );
  };
}
