import {
  isRunning,
  resultEmoji,
  resultLabel,
  resultRank,
} from '../../../../src/views/format/result-emoji.js';

describe('resultEmoji', () => {
  it.each([
    [{ result: 'Success' }, ':white_check_mark:'],
    [{ result: 'Warning' }, ':warning:'],
    [{ result: 'Failed' }, ':x:'],
    [{ result: 'None', state: 'Working' }, ':hourglass_flowing_sand:'],
    [{ result: '', state: 'InProgress' }, ':hourglass_flowing_sand:'],
    [{ result: 'Weird', state: 'Stopped', endTime: new Date() }, ':grey_question:'],
    [{ result: 'None', state: 'Stopped' }, ':grey_question:'],
    [{ result: 'None', state: 'Postprocessing' }, ':hourglass_flowing_sand:'],
  ])('maps %j to %s', (item, emoji) => {
    expect(resultEmoji(item)).toBe(emoji);
  });

  it('calls a running None result Running', () => {
    expect(resultLabel({ result: 'None', state: 'Working' })).toBe('Running');
    expect(isRunning({ result: 'None', state: 'Stopped', endTime: new Date() })).toBe(false);
  });

  it('ranks the worst first', () => {
    const sorted = ['Success', 'Odd', 'None', 'Warning', 'Failed'].sort(
      (a, b) => resultRank(a) - resultRank(b),
    );
    expect(sorted).toEqual(['Failed', 'Warning', 'None', 'Odd', 'Success']);
  });
});
