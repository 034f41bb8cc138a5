import { compileFilter, topLevelTerms } from '../../../src/simulator/query/evaluate.js';
import type { FieldDef, FieldEnv, FieldMap } from '../../../src/simulator/query/fields.js';
import { parseFilter } from '../../../src/simulator/query/parse-filter.js';
import { QueryError } from '../../../src/simulator/query/query-error.js';
import { RESULTS } from '../../../src/simulator/model/enums.js';

interface Row {
  name: string;
  result: number;
  end?: number;
  uid: string;
  retry: boolean;
}

const defs: FieldDef<Row>[] = [
  { name: 'Name', kind: 'string', get: (_e, r) => r.name },
  { name: 'Result', kind: 'enum', values: RESULTS, get: (_e, r) => r.result },
  { name: 'EndTime', kind: 'date', get: (_e, r) => r.end },
  { name: 'UID', kind: 'uid', get: (_e, r) => r.uid },
  { name: 'IsRetry', kind: 'bool', get: (_e, r) => (r.retry ? 1 : 0) },
];
const fields: FieldMap<Row> = new Map(defs.map((d) => [d.name.toLowerCase(), d]));
const env = {} as FieldEnv;
const rows: Row[] = [
  {
    name: 'Job A@1',
    result: 1,
    end: Date.parse('2025-01-01T10:00:00Z'),
    uid: 'urn:veeam:BackupJobSession:aaa',
    retry: false,
  },
  {
    name: 'Job B@2',
    result: 2,
    end: Date.parse('2025-01-02T10:00:00Z'),
    uid: 'urn:veeam:BackupJobSession:bbb',
    retry: true,
  },
  { name: 'Job "C"@3', result: 3, end: undefined, uid: 'urn:veeam:BackupJobSession:ccc', retry: false },
  { name: 'Job D@4', result: 0, end: undefined, uid: 'urn:veeam:BackupJobSession:ddd', retry: false },
];
const match = (filter: string): string[] => {
  const p = compileFilter(fields, parseFilter(filter));
  return rows.filter((r) => p(env, r)).map((r) => r.uid.slice(-3));
};

describe('compileFilter', () => {
  it('orders Result as None < Success < Warning < Failed (docs/em-protocol.md, "Where None sorts")', () => {
    expect(match('Result>=Warning')).toEqual(['bbb', 'ccc']);
    expect(match('Result<Success')).toEqual(['ddd']);
    expect(match('result==failed')).toEqual(['ccc']);
  });

  it('compares strings case-insensitively and handles doubled quotes', () => {
    expect(match('name=="job a@1"')).toEqual(['aaa']);
    expect(match('Name=="Job ""C""@3"')).toEqual(['ccc']);
    expect(match('Name!="job a@1"')).toEqual(['bbb', 'ccc', 'ddd']);
  });

  it('compares dates with and without fractions or time; no end time never matches', () => {
    expect(match('EndTime>="2025-01-02"')).toEqual(['bbb']);
    expect(match('EndTime<"2025-01-01T10:00:00.0010000Z"')).toEqual(['aaa']);
    expect(match('EndTime!="2025-01-01T10:00:00Z"')).toEqual(['bbb']);
  });

  it('accepts full UIDs and bare GUIDs (docs/em-protocol.md, "UID filter values") and booleans', () => {
    expect(match('UID=="urn:veeam:BackupJobSession:BBB"')).toEqual(['bbb']);
    expect(match('UID==ccc')).toEqual(['ccc']);
    expect(match('IsRetry==True')).toEqual(['bbb']);
  });

  it('applies AND before OR and parentheses', () => {
    expect(match('Result==Failed,Result==Success;IsRetry==false')).toEqual(['aaa', 'ccc']);
    expect(match('(Result==Failed,Result==Success);IsRetry==true')).toEqual([]);
  });

  it.each(['Unknown==1', 'Result==Bogus', 'EndTime>"yesterday"', 'IsRetry==maybe'])(
    'rejects %s with QueryError 400',
    (filter) => {
      expect(() => compileFilter(fields, parseFilter(filter))).toThrow(QueryError);
    },
  );

  it('exposes only top-level AND terms to the planner', () => {
    expect(topLevelTerms(fields, parseFilter('Name==a;Result==Failed')).map((t) => t.field.name)).toEqual([
      'Name',
      'Result',
    ]);
    expect(topLevelTerms(fields, parseFilter('Name==a,Result==Failed'))).toEqual([]);
  });
});
