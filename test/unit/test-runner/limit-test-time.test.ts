import { timed } from '../../global/limit-test-time.mjs';

/** The runner awaits a body forever; `timed` is what makes a hung test fail instead of holding the run. */
describe('a test or hook under limitTestTime', () => {
  it('fails a body that never settles after its timeout, in Jest’s words', async () => {
    const hung = timed(() => new Promise<never>(() => undefined), 20, 'a test');
    await expect(hung()).rejects.toThrow('Exceeded timeout of 20 ms for a test.');
  });

  it('passes on what a body returns or throws, and gives a row body its values', async () => {
    await expect(
      timed(async (n: number, s: string) => `${s}${n}`, 1_000, 'a test', true)(1, 'row '),
    ).resolves.toBe('row 1');
    await expect(timed(() => Promise.reject(new Error('boom')), 1_000, 'a test')()).rejects.toThrow('boom');
  });

  it('leaves a body that takes a `done` callback as it is', () => {
    const withDone = (done: () => void) => done();
    expect(timed(withDone, 20, 'a test')).toBe(withDone);
  });
});
