import fc from 'fast-check';
import { FilterSyntaxError, parseFilter } from '../../../src/simulator/query/parse-filter.js';

describe('parseFilter', () => {
  it('parses one comparison with every operator', () => {
    for (const op of ['==', '!=', '>=', '<=', '>', '<'] as const) {
      expect(parseFilter(`Result${op}Failed`)).toEqual({
        kind: 'cmp',
        field: 'Result',
        op,
        value: 'Failed',
        quoted: false,
      });
    }
  });

  it('binds ; (AND) tighter than , (OR)', () => {
    expect(parseFilter('a==1;b==2,c==3')).toEqual({
      kind: 'or',
      items: [
        {
          kind: 'and',
          items: [
            { kind: 'cmp', field: 'a', op: '==', value: '1', quoted: false },
            { kind: 'cmp', field: 'b', op: '==', value: '2', quoted: false },
          ],
        },
        { kind: 'cmp', field: 'c', op: '==', value: '3', quoted: false },
      ],
    });
  });

  it('honours parentheses', () => {
    const node = parseFilter(
      'jobname=="Job A";(result=="Success",result=="Warning");creationtime>"2019-07-01T04:00:16Z"',
    );
    expect(node.kind).toBe('and');
    if (node.kind !== 'and') return;
    expect(node.items.map((i) => i.kind)).toEqual(['cmp', 'or', 'cmp']);
  });

  it('keeps quoted text literal and turns "" into one quote (docs/em-protocol.md, "Reserved characters in quoted values")', () => {
    expect(parseFilter('Name=="a;b,(c)"" d"')).toEqual({
      kind: 'cmp',
      field: 'Name',
      op: '==',
      value: 'a;b,(c)" d',
      quoted: true,
    });
  });

  it('drops spaces of unquoted values and allows spaces around tokens', () => {
    expect(parseFilter(' Name == Test REST ')).toMatchObject({ value: 'TestREST' });
  });

  it.each([
    'Name=="abc',
    'Name==abc"',
    '(Result==Failed',
    'Result==Failed)',
    'Result=Failed',
    'Result===Failed',
    'Result=>Failed',
    '==Failed',
    'Result==',
    'Result==Failed;',
    ',Result==Failed',
    'Name=="a"b',
    '',
    'Result==Fa(iled',
  ])('rejects %j with a FilterSyntaxError', (text) => {
    expect(() => parseFilter(text)).toThrow(FilterSyntaxError);
  });

  it('round-trips any quoted value', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const node = parseFilter(`Name=="${value.replace(/"/g, '""')}"`);
        return node.kind === 'cmp' && node.value === value;
      }),
    );
  });

  it('never throws anything but FilterSyntaxError', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '=', '!', '<', '>', ';', ',', '(', ')', '"', ' ', '1') }),
        (text) => {
          try {
            parseFilter(text);
            return true;
          } catch (error) {
            return error instanceof FilterSyntaxError;
          }
        },
      ),
    );
  });
});
