import fc from 'fast-check';
import { buildFilter, buildQueryPath, enumValue, where, type Filter } from '../../../src/em/query.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[;,()\u0000-\u001f\u007f]/;

describe('buildFilter', () => {
  it('writes conditions, AND and OR in EM syntax', () => {
    const filter: Filter = {
      and: [
        where('JobName', '==', 'Job A'),
        { or: [where('Result', '==', enumValue('Success')), where('Result', '==', enumValue('Warning'))] },
        where('CreationTime', '>', new Date('2019-07-01T04:00:16Z')),
      ],
    };
    expect(buildFilter(filter)).toBe(
      'JobName=="Job A";(Result==Success,Result==Warning);CreationTime>"2019-07-01T04:00:16.000Z"',
    );
  });

  it('writes numbers and booleans bare, doubles quotes in text', () => {
    expect(buildFilter({ or: [where('Progress', '>=', 50), where('IsRetry', '==', true)] })).toBe(
      'Progress>=50,IsRetry==true',
    );
    expect(buildFilter(where('Name', '==', 'say "hi"'))).toBe('Name=="say ""hi"""');
  });

  it.each(['a;b', 'a,b', 'Cloned job (6/5/2025)', 'x\ny', 'tab\there'])(
    'refuses the unsafe name %j',
    (name) => {
      let error: unknown;
      try {
        buildFilter(where('JobName', '==', name));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(ErrorCode.FilterValue);
      expect((error as AppError).userMessage).not.toContain('\n');
    },
  );

  it('refuses a field name or enum that could carry grammar', () => {
    expect(() => buildFilter(where('JobName;State', '==', 'x'))).toThrow(AppError);
    expect(() => buildFilter(where('Result', '==', enumValue('Failed,State==Working')))).toThrow(AppError);
    expect(() => buildFilter({ and: [] })).toThrow(AppError);
  });

  it('property: any text either becomes exactly one quoted literal or is refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('==', '"', '""', 'a"==b')),
        (name) => {
          let rendered: string;
          try {
            rendered = buildFilter(where('VmDisplayName', '==', name));
          } catch (error) {
            expect((error as AppError).code).toBe(ErrorCode.FilterValue);
            expect(UNSAFE.test(name)).toBe(true);
            return;
          }
          expect(UNSAFE.test(name)).toBe(false);
          const match = /^VmDisplayName=="((?:[^"]|"")*)"$/su.exec(rendered);
          expect(match).not.toBeNull();
          expect(match?.[1]?.replace(/""/g, '"')).toBe(name);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('buildQueryPath', () => {
  it('percent-encodes the filter as one parameter and always pages', () => {
    const path = buildQueryPath({
      type: 'BackupJobSession',
      filter: where('JobName', '==', 'Fileserver Backup & Co'),
      sortDesc: 'CreationTime',
      pageSize: 5,
    });
    expect(path).toBe(
      'query?type=BackupJobSession&format=Entities&filter=JobName%3D%3D%22Fileserver%20Backup%20%26%20Co%22&sortDesc=CreationTime&pageSize=5&page=1',
    );
    expect(new URLSearchParams(path.split('?')[1]).get('filter')).toBe('JobName=="Fileserver Backup & Co"');
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() => buildQueryPath({ type: 'Job', pageSize: 0 })).toThrow(AppError);
  });
});
