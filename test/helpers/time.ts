/** 2025-11-20T12:00:00Z: the one scenario start shared by every manual simulator and manual bot clock in the tests. */
export const START = Date.parse('2025-11-20T12:00:00Z');

/** One minute in milliseconds. */
export const MINUTE = 60_000;
