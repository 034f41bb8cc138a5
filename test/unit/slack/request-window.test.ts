import type { IncomingMessage } from 'node:http';
import { isWithinWindow } from '../../../src/slack/request-window.js';

const NOW_MS = 1_700_000_000_000;
const at = (timestamp: string | undefined) =>
  ({ headers: timestamp === undefined ? {} : { 'x-slack-request-timestamp': timestamp } }) as IncomingMessage;
const seconds = (offset: number) => String(NOW_MS / 1000 + offset);

describe('isWithinWindow', () => {
  it.each([
    ['now', seconds(0), true],
    ['5 minutes ahead', seconds(300), true],
    ['5 minutes ago', seconds(-300), true],
    ['6 minutes ahead', seconds(360), false],
    ['a year ahead', seconds(365 * 86_400), false],
    ['6 minutes ago', seconds(-360), false],
  ])('%s: %s', (_, timestamp, expected) => {
    expect(isWithinWindow(at(timestamp), NOW_MS)).toBe(expected);
  });

  it('leaves a missing or malformed timestamp to Bolt’s own check, which refuses it', () => {
    expect(isWithinWindow(at(undefined), NOW_MS)).toBe(true);
    expect(isWithinWindow(at('soon'), NOW_MS)).toBe(true);
  });
});
