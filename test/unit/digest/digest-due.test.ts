import { digestDue, LATE_AFTER_MS } from '../../../src/digest/digest-due.js';

const TZ = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);
const due = (
  nowIso: string,
  firstStartedAt: number | null,
  record?: Parameters<typeof digestDue>[0]['record'],
) => digestDue({ nowMs: at(nowIso), timeZone: TZ, time: '08:00', firstStartedAt, record });
const LONG_AGO = at('2025-01-01T00:00:00Z');

describe('digestDue', () => {
  it('is due from 08:00 local on, on time within the first minutes', () => {
    expect(due('2025-03-29T06:59:00Z', LONG_AGO)).toBeUndefined();
    expect(due('2025-03-29T07:00:00Z', LONG_AGO)).toMatchObject({ date: '2025-03-29', late: false });
  });

  it('follows DST: 08:00 Berlin is 06:00 UTC after the last Sunday of March and 07:00 after October', () => {
    expect(due('2025-03-30T05:59:00Z', LONG_AGO)).toBeUndefined();
    expect(due('2025-03-30T06:00:00Z', LONG_AGO)).toMatchObject({ date: '2025-03-30', late: false });
    expect(due('2025-10-26T06:30:00Z', LONG_AGO)).toBeUndefined();
    expect(due('2025-10-26T07:00:00Z', LONG_AGO)).toMatchObject({ date: '2025-10-26', late: false });
  });

  it('posts late once when the bot was down at 08:00 and is back at 10:00 the same day', () => {
    const back = due('2025-06-10T08:00:00Z', LONG_AGO);
    expect(back).toMatchObject({ date: '2025-06-10', late: true });
    expect(at('2025-06-10T08:00:00Z') - (back?.scheduledMs ?? 0)).toBeGreaterThan(LATE_AFTER_MS);
    const sent = { channel: 'C', date: '2025-06-10', status: 'sent' as const, decidedAt: 0 };
    expect(due('2025-06-10T09:00:00Z', LONG_AGO, sent)).toBeUndefined();
  });

  it("never posts yesterday's: back the next day only that day's is due", () => {
    expect(due('2025-06-11T05:59:00Z', LONG_AGO)).toBeUndefined();
    // Back at 09:00 local the next day: only that day's digest is due, never the missed one.
    expect(due('2025-06-11T07:00:00Z', LONG_AGO)).toMatchObject({ date: '2025-06-11', late: true });
  });

  it('waits for tomorrow when first started after today’s 08:00', () => {
    const first = at('2025-06-10T07:30:00Z');
    expect(due('2025-06-10T07:31:00Z', first)).toBeUndefined();
    expect(due('2025-06-11T06:00:00Z', first)).toMatchObject({ date: '2025-06-11', late: false });
  });

  it('asks to settle a pending record before posting', () => {
    const pending = { channel: 'C', date: '2025-06-10', status: 'pending' as const, decidedAt: 0 };
    expect(due('2025-06-10T06:01:00Z', LONG_AGO, pending)).toMatchObject({ settle: true });
  });
});
