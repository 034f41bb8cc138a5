import { parseXml } from '../../../src/em/xml.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';
import { escapeAttr } from '../../../src/simulator/xml/write-xml.js';
import { listEmFixtures, readEmFixture } from '../../helpers/fixtures.js';

function parseCode(body: string): string | undefined {
  try {
    parseXml(body);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not-ours';
  }
}

describe('parseXml', () => {
  it.each(listEmFixtures())('reads fixture %s', (name) => {
    const document = parseXml(readEmFixture(name));
    expect(document.root).toMatch(/^[A-Z]/);
  });

  it('strips a UTF-8 BOM and the XML declaration', () => {
    const document = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?><Error Message="x" StatusCode="500" />',
    );
    expect(document.root).toBe('Error');
    expect(document.node['@_Message']).toBe('x');
  });

  it('keeps values as text (a job named 007 stays "007")', () => {
    const document = parseXml(
      '<BackupJobSession><JobName>007</JobName><IsRetry>true</IsRetry></BackupJobSession>',
    );
    expect(document.node['JobName']).toBe('007');
  });

  it('makes one-item lists arrays', () => {
    const document = parseXml(
      '<EntityReferences><Ref Name="a"><Links><Link Rel="Up" Href="h" /></Links></Ref></EntityReferences>',
    );
    expect(Array.isArray(document.node['Ref'])).toBe(true);
  });

  it.each([
    ['a truncated body', '<QueryResult><Refs><Ref Name="a">'],
    ['a body cut inside the root', '<QueryResult><Refs></Refs>'],
    ['a mismatched closing tag', '<A><B>x</C></A'],
    ['plain text', 'Service Unavailable'],
    ['an empty body', ''],
    ['a DOCTYPE with entities', '<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>'],
  ])('refuses %s with em_parse', (_label, body) => {
    expect(parseCode(body)).toBe(ErrorCode.EmParse);
  });
});

describe('parseXml as a strict XML parser', () => {
  it('decodes numeric character references in text and attributes', () => {
    const document = parseXml('<Ref Name="Caf&#233; &#x2014; DC&#10;2"><Reason>r&#233;seau</Reason></Ref>');
    expect(document.node['@_Name']).toBe('Café — DC\n2');
    expect(document.node['Reason']).toBe('réseau');
  });

  it('round-trips a tab and a line end in an attribute the way the simulator writes it', () => {
    const document = parseXml(`<Ref Name="${escapeAttr('a\tb\nc\r\nd')}" />`);
    expect(document.node['@_Name']).toBe('a\tb\nc\r\nd');
  });

  it('reads children named like Object members as plain children', () => {
    const document = parseXml('<A><constructor>1</constructor><constructor>2</constructor><toString /></A>');
    expect(document.node['constructor']).toEqual(['1', '2']);
    expect(document.node['toString']).toBe('');
  });

  it.each([
    ['an unknown entity', '<A>&nbsp;</A>', /undefined entity/],
    ['a truncated body', '<QueryResult><Refs></Refs>', /unclosed tag: QueryResult/],
    ['two roots', '<A /><B />', /only one root/],
    ['an element named __proto__', '<A><__proto__>x</__proto__></A>', /__proto__/],
  ])('refuses %s, naming the fault', (_label, body, fault) => {
    expect(() => parseXml(body)).toThrow(fault);
    expect(parseCode(body)).toBe(ErrorCode.EmParse);
  });
});
