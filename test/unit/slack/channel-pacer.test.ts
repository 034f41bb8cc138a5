import { createChannelPacer } from '../../../src/slack/channel-pacer.js';

/** A stepped clock whose sleeps move time forward at once and are recorded. */
function steppedTime() {
  let clock = 1_000_000;
  const waits: number[] = [];
  return {
    waits,
    now: () => clock,
    sleep: async (ms: number) => {
      waits.push(ms);
      clock += ms;
    },
  };
}

describe('createChannelPacer', () => {
  it('spaces posts to one channel a second apart, and lets other channels through', async () => {
    const time = steppedTime();
    const pace = createChannelPacer(1000, time);
    await pace('C1');
    await pace('C1');
    await pace('C2');
    await pace('C1');
    expect(time.waits).toEqual([1000, 1000]);
  });

  it('never waits with an interval of 0', async () => {
    const time = steppedTime();
    const pace = createChannelPacer(0, time);
    await Promise.all([pace('C1'), pace('C1')]);
    expect(time.waits).toEqual([]);
  });
});
