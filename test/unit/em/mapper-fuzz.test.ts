import fc from 'fast-check';
import { mapDocument } from '../../../src/em/mappers/documents.js';
import { mapPagingInfo } from '../../../src/em/mappers/envelopes.js';
import { parseXml } from '../../../src/em/xml.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';

const NAMES = [
  'QueryResult',
  'Entities',
  'BackupJobSessions',
  'BackupJobSession',
  'CdpPolicySession',
  'CdpReplicaSessions',
  'CloudFailoverSession',
  'CloudFailoverTasks',
  'EntityReferences',
  'Ref',
  'Links',
  'Link',
  'PagingInfo',
  'EndTimeUTC',
  'CreationTimeUTC',
  'Result',
  'State',
  'Progress',
  'IsRetry',
  'JobName',
  'Reason',
  'TotalSize',
  'X',
];
const ATTRS = ['Href', 'Type', 'Name', 'UID', 'Rel', 'VmDisplayName', 'VmName', 'PageNum', 'PagesCount'];
const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Random, well-formed XML made of EM's element and attribute names with arbitrary values. */
const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.array(fc.tuple(fc.constantFrom(...ATTRS), fc.string({ maxLength: 30 })), { maxLength: 3 }),
      depth > 1 ? fc.array(element(depth - 1), { maxLength: 4 }) : fc.constant([] as string[]),
      fc.string({ maxLength: 20 }),
    )
    .map(([name, attributes, children, text]) => {
      const attrs = [...new Map(attributes)].map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
      return `<${name}${attrs}>${children.length ? children.join('') : escape(text)}</${name}>`;
    }),
);

describe('the XML mapper on random shapes', () => {
  it('never throws anything but an em_parse error, and maps what it reads', () => {
    fc.assert(
      fc.property(element(4), fc.boolean(), (xml, truncate) => {
        const body = truncate ? xml.slice(0, Math.floor(xml.length / 2)) : xml;
        try {
          const document = parseXml(body);
          mapDocument(document);
          mapPagingInfo(document.node);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe(ErrorCode.EmParse);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
