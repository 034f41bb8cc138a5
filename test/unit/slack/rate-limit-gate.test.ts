import { SlackApiError } from '../../../src/shared/errors.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { createRateLimitGate } from '../../../src/slack/rate-limit-gate.js';

/** A stepped clock whose sleeps move time forward at once and are recorded. */
function steppedTime() {
  let clock = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => clock,
    step: (ms: number) => (clock += ms),
    sleep: async (ms: number) => {
      waits.push(ms);
      clock += ms;
    },
  };
}

/** A Web API call that answers 429 with `retryAfter` seconds `times` times, then succeeds; counts its calls. */
function limitedCall(times: number, retryAfter: number) {
  const counter = { calls: 0 };
  const call = async () => {
    counter.calls += 1;
    if (counter.calls <= times) throw new SlackApiError('chat.postMessage', 'ratelimited', { retryAfter });
    return 'ok';
  };
  return { counter, call };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createRateLimitGate', () => {
  it('waits out a short Retry-After inline and tries again', async () => {
    const time = steppedTime();
    const gate = createRateLimitGate({ maxWaitMs: 1000, tries: 3 }, silentLogger, time);
    const { counter, call } = limitedCall(2, 1);
    await expect(gate('chat.postMessage', 'CA', call)).resolves.toBe('ok');
    expect(counter.calls).toBe(3);
    expect(time.waits).toEqual([1000, 1000]);
  });

  it('gives a 429 back after the last try', async () => {
    const time = steppedTime();
    const gate = createRateLimitGate({ maxWaitMs: 1000, tries: 3 }, silentLogger, time);
    const { counter, call } = limitedCall(5, 1);
    const error = await rejection(gate('chat.postMessage', 'CA', call));
    expect(error).toMatchObject({ slackCode: 'ratelimited', retryAfter: 1, isFinal: false });
    expect(counter.calls).toBe(3);
  });

  it('gives a long Retry-After back at once, and refuses that channel without calling Slack until it passes', async () => {
    const time = steppedTime();
    const gate = createRateLimitGate({ maxWaitMs: 1000, tries: 3 }, silentLogger, time);
    const limited = limitedCall(1, 30);
    expect(await rejection(gate('chat.postMessage', 'CA', limited.call))).toMatchObject({
      slackCode: 'ratelimited',
      retryAfter: 30,
    });
    expect(time.waits).toEqual([]);
    time.step(10_000);
    expect(await rejection(gate('chat.postMessage', 'CA', limited.call))).toMatchObject({
      slackCode: 'ratelimited',
      retryAfter: 20,
    });
    expect(limited.counter.calls).toBe(1);

    const other = limitedCall(0, 0);
    await expect(gate('chat.postMessage', 'CB', other.call)).resolves.toBe('ok');
    time.step(20_000);
    await expect(gate('chat.postMessage', 'CA', limited.call)).resolves.toBe('ok');
    expect(limited.counter.calls).toBe(2);
  });

  it('waits what is left of a channel’s Retry-After when it is short', async () => {
    const time = steppedTime();
    const gate = createRateLimitGate({ maxWaitMs: 1000, tries: 1 }, silentLogger, time);
    const limited = limitedCall(1, 1);
    await rejection(gate('chat.postMessage', 'CA', limited.call));
    time.step(400);
    await expect(gate('chat.postMessage', 'CA', limited.call)).resolves.toBe('ok');
    expect(time.waits).toEqual([600]);
  });

  it('passes other failures through untouched and untried', async () => {
    const gate = createRateLimitGate({ maxWaitMs: 1000, tries: 3 }, silentLogger, steppedTime());
    let calls = 0;
    const error = await rejection(
      gate('chat.postMessage', 'CA', async () => {
        calls += 1;
        throw new SlackApiError('chat.postMessage', 'channel_not_found');
      }),
    );
    expect(error).toMatchObject({ slackCode: 'channel_not_found', isFinal: true });
    expect(calls).toBe(1);
  });
});
