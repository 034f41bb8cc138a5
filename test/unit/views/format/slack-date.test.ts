import { formatUtc, NO_DATE, slackDate } from '../../../../src/views/format/slack-date.js';

describe('slackDate', () => {
  it('renders a date token each reader sees in their own zone, with a UTC fallback', () => {
    const date = new Date('2025-09-24T20:00:09.607Z');
    expect(slackDate(date)).toBe('<!date^1758744009^{date_short_pretty} {time}|2025-09-24 20:00 UTC>');
  });

  it('shows a dash for a missing or invalid date', () => {
    expect(slackDate(undefined)).toBe(NO_DATE);
    expect(slackDate(new Date('nope'))).toBe(NO_DATE);
    expect(formatUtc(undefined)).toBe(NO_DATE);
  });
});
