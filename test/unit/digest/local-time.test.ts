import { addDays, isTimeZone, localDate, zonedInstant } from '../../../src/digest/local-time.js';

describe('local time in an IANA zone', () => {
  it('places 08:00 Berlin at 07:00 UTC in winter and 06:00 UTC in summer', () => {
    expect(new Date(zonedInstant('2025-03-29', '08:00', 'Europe/Berlin')).toISOString()).toBe(
      '2025-03-29T07:00:00.000Z',
    );
    expect(new Date(zonedInstant('2025-03-30', '08:00', 'Europe/Berlin')).toISOString()).toBe(
      '2025-03-30T06:00:00.000Z',
    );
    expect(new Date(zonedInstant('2025-10-26', '08:00', 'Europe/Berlin')).toISOString()).toBe(
      '2025-10-26T07:00:00.000Z',
    );
  });

  it('makes the spring-forward day 23 h and the fall-back day 25 h long', () => {
    const day = (d: string) =>
      zonedInstant(addDays(d, 1), '00:00', 'Europe/Berlin') - zonedInstant(d, '00:00', 'Europe/Berlin');
    expect(day('2025-03-30')).toBe(23 * 3_600_000);
    expect(day('2025-10-26')).toBe(25 * 3_600_000);
    expect(day('2025-10-27')).toBe(24 * 3_600_000);
  });

  it('reads the local date across midnight and month ends', () => {
    expect(localDate(Date.parse('2025-03-30T22:30:00Z'), 'Europe/Berlin')).toBe('2025-03-31');
    expect(localDate(Date.parse('2025-03-30T22:30:00Z'), 'America/New_York')).toBe('2025-03-30');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('knows real zone names and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
