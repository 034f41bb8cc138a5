import fc from 'fast-check';
import { decodeGuid, encodeGuid } from '../../../src/simulator/util/guid.js';
import { formatEmDate, formatNameTime, parseEmDate } from '../../../src/simulator/util/dates.js';
import { pageQuery } from '../../../src/simulator/query/paging.js';
import { escapeAttr, escapeText } from '../../../src/simulator/xml/write-xml.js';

describe('GUID codec', () => {
  it('round-trips index and slot and looks like a v4 GUID', () => {
    fc.assert(
      fc.property(fc.nat(4_000_000), fc.nat(65535), fc.integer(), (index, slot, salt) => {
        const guid = encodeGuid(index, slot, salt);
        expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(decodeGuid(guid, salt)).toEqual({ index, slot });
      }),
    );
  });
});

describe('dates', () => {
  it('formats UTC with trimmed fractions (docs/em-protocol.md, "Fractional seconds and placeholder dates")', () => {
    expect(formatEmDate(Date.parse('2025-09-24T20:00:09.607Z'))).toBe('2025-09-24T20:00:09.607Z');
    expect(formatEmDate(Date.parse('2025-06-05T01:04:29.560Z'))).toBe('2025-06-05T01:04:29.56Z');
    expect(formatEmDate(Date.parse('2014-10-19T05:22:52.000Z'))).toBe('2014-10-19T05:22:52Z');
    expect(formatNameTime(Date.parse('2014-10-19T05:22:52.5Z'))).toBe('2014-10-19 05:22:52');
  });

  it('parses 0-7 fraction digits, date-only and offsets', () => {
    expect(parseEmDate('2025-08-15')).toBe(Date.parse('2025-08-15T00:00:00Z'));
    expect(parseEmDate('2025-08-15T06:00:00.1234567Z')).toBeCloseTo(
      Date.parse('2025-08-15T06:00:00.123Z') + 0.4567,
      3,
    );
    expect(parseEmDate('2025-08-15T08:00:00+02:00')).toBe(Date.parse('2025-08-15T06:00:00Z'));
    expect(parseEmDate('2025-13-01')).toBeUndefined();
    expect(parseEmDate('yesterday')).toBeUndefined();
  });
});

describe('pageQuery', () => {
  it('replaces page and pageSize in place (docs/em-protocol.md, "Paging")', () => {
    expect(pageQuery('type=BackupTaskSession&pageSize=3&page=1&filter=Result==Failed', 3, 7)).toBe(
      'type=BackupTaskSession&pageSize=3&page=7&filter=Result==Failed',
    );
  });
  it('appends pageSize and page when absent, keeping the raw encoding', () => {
    expect(pageQuery('type=job&filter=(Name%3d%3d%22Test+REST%22)', 100, 1)).toBe(
      'type=job&filter=(Name%3d%3d%22Test+REST%22)&pageSize=100&page=1',
    );
  });
  it('matches parameter names case-insensitively', () => {
    expect(pageQuery('Type=Job&PAGE=2&PageSize=5000', 1000, 3)).toBe('Type=Job&PAGE=3&PageSize=1000');
  });
});

describe('XML escaping', () => {
  it('escapes markup characters and drops control characters', () => {
    expect(escapeAttr('R&D "x" <y>')).toBe('R&amp;D &quot;x&quot; &lt;y&gt;');
    expect(escapeText('a & b\u0001 "c"')).toBe('a &amp; b "c"');
    expect(escapeText('Ünterwald DC')).toBe('Ünterwald DC');
  });
});
