import { AppError } from '../../../src/shared/errors.js';
import { poll, windowStart } from '../../../src/watcher/poll.js';
import { ALERTS, MINUTE, startHarness, type Harness } from '../../helpers/watcher-harness.js';
import { pollContextOf } from './poll-context-of.js';

let h: Harness;
afterEach(() => h.stop());

describe('poll', () => {
  it('reads what is new since the window start, posts it, moves the cursor to now, and saves', async () => {
    h = await startHarness();
    h.advance(MINUTE);
    const failed = h.stopped({ result: 'Failed' });
    let saves = 0;
    const ctx = pollContextOf(h, { save: () => ((saves += 1), h.watcher.persist()) });
    const now = ctx.now();
    const since = windowStart(ctx.state, now, ctx.config);

    const report = await poll(ctx, { now, since });

    expect(report).toEqual({ ok: true, found: 1, posted: 1, recovered: 0, since });
    expect(ctx.state.alerts[`${failed.uid}|${ALERTS}`]?.status).toBe('sent');
    expect(ctx.state.lastPollAt).toBe(now);
    expect(saves).toBeGreaterThan(0);
  });

  it('throws EM trouble as our typed error, leaving the cursor where it was; runOnce turns it into a report', async () => {
    h = await startHarness();
    const ctx = pollContextOf(h);
    const cursor = ctx.state.lastPollAt;
    h.sim.setFaults({ status: 503 });

    const error: unknown = await poll(ctx, { now: ctx.now(), since: ctx.now() - MINUTE }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toMatch(/^em_/);
    expect(ctx.state.lastPollAt).toBe(cursor);
    expect(await h.watcher.runOnce()).toMatchObject({ ok: false, posted: 0 });
  });
});
