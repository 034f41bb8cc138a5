/**
 * Resolves once `condition` holds, checking every few milliseconds; rejects with `what` after `timeoutMs`.
 * This waits for an event (a line printed, a call recorded, a file written), never for time to pass.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; what?: string | (() => string) } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (!(await condition())) {
    if (Date.now() > deadline) {
      const what = typeof options.what === 'function' ? options.what() : options.what;
      throw new Error(`condition not met in time: ${what ?? 'waitUntil'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
