import fc from 'fast-check';
import { buildFilter, isSafeFilterText, nameLookup } from '../../../src/em/query.js';
import { parseFilter, type FilterNode } from '../../../src/simulator/query/parse-filter.js';

const SPECIAL = [',', ';', '(', ')'];
/** Names with every reserved character somewhere, around letters, digits, spaces and quotes. */
const nameWithSpecials = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9 ."'_-]{0,12}$/),
    fc.array(fc.constantFrom(...SPECIAL, 'a', 'Z', '9', ' ', '"', 'z'), { minLength: 1, maxLength: 12 }),
  )
  .map(([head, tail]) => `${head}${SPECIAL[tail.length % 4] ?? ','}${tail.join('')}`);

function terms(node: FilterNode): Array<Extract<FilterNode, { kind: 'cmp' }>> {
  return node.kind === 'cmp' ? [node] : node.items.flatMap(terms);
}

/** The simulator's own comparison: lower-cased text, compared by code unit. */
function accepts(node: FilterNode, value: string): boolean {
  return terms(node).every(({ op, value: operand }) => {
    const [a, b] = [value.toLowerCase(), operand.toLowerCase()];
    if (op === '>=') return a >= b;
    if (op === '<') return a < b;
    if (op === '==') return a === b;
    throw new Error(`unexpected operator ${op}`);
  });
}

describe('nameLookup', () => {
  it('sends a range on the safe prefix: Smith, John (Laptop)', () => {
    const lookup = nameLookup('VmDisplayName', 'Smith, John (Laptop)');
    expect(lookup.filter && buildFilter(lookup.filter)).toBe('VmDisplayName>="Smith";VmDisplayName<"Smiti"');
    expect(lookup.matches('smith, john (laptop)')).toBe(true);
    expect(lookup.matches('Smith, Jane (Laptop)')).toBe(false);
  });

  it('keeps == for names without reserved characters', () => {
    expect(buildFilter(nameLookup('Name', 'Daily backup').filter ?? { and: [] })).toBe(
      'Name=="Daily backup"',
    );
  });

  it('for any name: the filter has no reserved character, parses in the simulator, and holds the name', () => {
    fc.assert(
      fc.property(nameWithSpecials, (name) => {
        const lookup = nameLookup('Name', name);
        expect(lookup.matches(name)).toBe(true);
        if (lookup.filter === undefined) {
          expect(isSafeFilterText(name.charAt(0))).toBe(false);
          return;
        }
        const parsed = parseFilter(buildFilter(lookup.filter));
        for (const term of terms(parsed)) expect(isSafeFilterText(term.value)).toBe(true);
        expect(accepts(parsed, name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
