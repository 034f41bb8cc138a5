import { boldName, escapeMrkdwn, literalName } from '../../../../src/views/format/escape-mrkdwn.js';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Backup & Restore', 'Backup &amp; Restore'],
    ['&lt;', '&amp;lt;'],
  ])('escapes %s', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('leaves everything else alone, formatting characters included', () => {
    expect(escapeMrkdwn('Copy Job\\Source *x* _y_ `z` ~w~ :x:')).toBe('Copy Job\\Source *x* _y_ `z` ~w~ :x:');
  });
});

describe('invisible and direction-changing characters', () => {
  it.each([
    ['\u202Egnp.exe', 'gnp.exe'],
    ['Nightly\u2066 Backup\u2069', 'Nightly Backup'],
    ['a\u202A\u202B\u202C\u202D\u2067\u2068b', 'ab'],
    ['zero\u200B\u200C\u200Dwidth\u2060\uFEFF', 'zerowidth'],
  ])('strips them from %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('boldName and literalName', () => {
  it('bold a plain name', () => {
    expect(boldName('Backup Job 3')).toBe('*Backup Job 3*');
    expect(literalName('Backup & Job')).toBe('Backup &amp; Job');
  });

  it.each(['SQL *prod*', 'file_srv_01', 'a~b~', 'x`y'])(
    'keep the formatting characters of %j literal',
    (name) => {
      for (const out of [boldName(name), literalName(name)]) {
        expect(out).toMatch(/^`[^`]*`$/);
        expect(out.slice(1, -1)).toBe(name.replace(/`/g, 'ˋ'));
      }
    },
  );
});
