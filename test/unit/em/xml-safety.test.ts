import fc from 'fast-check';
import { mapDocument } from '../../../src/em/mappers/documents.js';
import { mapXml, parseXml } from '../../../src/em/xml.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';

function failureCode(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : `not ours: ${String(error)}`;
  }
}

const DECLARATIONS = [
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '<!doctype QueryResult SYSTEM "file:///etc/passwd">',
  '<!ENTITY lol "lol">',
  '<! DOCTYPE x>',
];

describe('XML safety', () => {
  it('refuses a DOCTYPE that follows a 2 KB comment (measured: it slipped past a check of the first 1 KB)', () => {
    const body = `<!--${'x'.repeat(2048)}--><!DOCTYPE q [<!ENTITY e "boom">]><QueryResult>&e;</QueryResult>`;
    expect(failureCode(() => parseXml(body))).toBe(ErrorCode.EmParse);
  });

  it('refuses any DOCTYPE or entity declaration after any prefix', () => {
    const prefix = fc.oneof(
      fc.string({ maxLength: 3000 }).map((text) => `<!--${text.replace(/--/g, '')}-->`),
      fc.string({ maxLength: 200 }),
      fc.nat({ max: 5000 }).map((n) => ' '.repeat(n)),
    );
    fc.assert(
      fc.property(prefix, fc.constantFrom(...DECLARATIONS), (before, declaration) => {
        const body = `<?xml version="1.0"?>${before}${declaration}<QueryResult />`;
        expect(failureCode(() => parseXml(body))).toBe(ErrorCode.EmParse);
      }),
    );
  });

  it('never throws anything but an em_parse error on junk, through the parser and the mappers', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.stringMatching(
        /^<[A-Za-z]{1,12}( [A-Za-z]{1,5}="[^"<&]{0,8}")*>(<[A-Za-z]{1,12}\/>){0,5}<\/[A-Za-z]{1,12}>$/,
      ),
      fc.constantFrom('<QueryResult><Refs>x</Refs></QueryResult>', '<Entities><Jobs>1</Jobs></Entities>'),
    );
    fc.assert(
      fc.property(junk, (body) => {
        const code = failureCode(() => mapXml(parseXml(body), mapDocument));
        expect([undefined, ErrorCode.EmParse]).toContain(code);
      }),
      { numRuns: 500 },
    );
  });

  it('types a mapper’s own TypeError as an em_parse error', () => {
    const broken = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'Link')");
    };
    expect(failureCode(() => mapXml(parseXml('<QueryResult />'), broken))).toBe(ErrorCode.EmParse);
  });
});
