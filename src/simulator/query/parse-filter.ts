/** Comparison operators of the EM filter grammar (docs/em-protocol.md, "Query filters"). */
export type Comparator = '==' | '!=' | '>=' | '<=' | '>' | '<';

/** A parsed filter: AND/OR groups of `field op value` terms. */
export type FilterNode =
  | { kind: 'and' | 'or'; items: FilterNode[] }
  | { kind: 'cmp'; field: string; op: Comparator; value: string; quoted: boolean };

/** A filter the grammar rejects; routes answer it with 400 (docs/em-protocol.md, "Status of a malformed query"). */
export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

const FIELD = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPS: Comparator[] = ['==', '!=', '>=', '<=', '>', '<'];

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  fail(message: string): never {
    throw new FilterSyntaxError(`Invalid filter at position ${this.pos + 1}: ${message}`);
  }

  skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  peek(): string | undefined {
    this.skipSpaces();
    return this.text[this.pos];
  }

  parseOr(): FilterNode {
    const items = [this.parseAnd()];
    while (this.peek() === ',') {
      this.pos++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'or', items };
  }

  parseAnd(): FilterNode {
    const items = [this.parseTerm()];
    while (this.peek() === ';') {
      this.pos++;
      items.push(this.parseTerm());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'and', items };
  }

  parseTerm(): FilterNode {
    if (this.peek() === '(') {
      this.pos++;
      const inner = this.parseOr();
      if (this.peek() !== ')') this.fail('missing closing parenthesis');
      this.pos++;
      return inner;
    }
    FIELD.lastIndex = this.pos;
    const match = FIELD.exec(this.text);
    if (!match) this.fail('expected a field name');
    this.pos += match[0].length;
    this.skipSpaces();
    const op = OPS.find((candidate) => this.text.startsWith(candidate, this.pos));
    if (!op) this.fail(`expected one of ${OPS.join(' ')} after ${match[0]}`);
    this.pos += op.length;
    if ('=<>!'.includes(this.text[this.pos] ?? '')) this.fail('bad operator');
    const { value, quoted } = this.parseValue();
    return { kind: 'cmp', field: match[0], op, value, quoted };
  }

  parseValue(): { value: string; quoted: boolean } {
    if (this.peek() === '"') {
      let value = '';
      this.pos++;
      for (;;) {
        const ch = this.text[this.pos];
        if (ch === undefined) this.fail('unbalanced quotes');
        if (ch === '"') {
          if (this.text[this.pos + 1] === '"') {
            value += '"';
            this.pos += 2;
            continue;
          }
          this.pos++;
          break;
        }
        value += ch;
        this.pos++;
      }
      const next = this.peek();
      if (next !== undefined && next !== ';' && next !== ',' && next !== ')')
        this.fail('text after a quoted value');
      return { value, quoted: true };
    }
    const start = this.pos;
    while (this.pos < this.text.length && !';,()'.includes(this.text[this.pos] as string)) {
      if (this.text[this.pos] === '"') this.fail('unbalanced quotes');
      this.pos++;
    }
    if (this.text[this.pos] === '(') this.fail('unexpected parenthesis');
    // EM drops the spaces of an unquoted value (docs/em-protocol.md, "Query filters").
    const value = this.text.slice(start, this.pos).replace(/\s+/g, '');
    if (value === '') this.fail('missing value');
    return { value, quoted: false };
  }
}

/** Parses an EM filter; `;` (AND) binds tighter than `,` (OR). Throws FilterSyntaxError. */
export function parseFilter(text: string): FilterNode {
  const parser = new Parser(text);
  const node = parser.parseOr();
  if (parser.peek() !== undefined)
    parser.fail(parser.peek() === ')' ? 'unbalanced parentheses' : 'unexpected text');
  return node;
}
