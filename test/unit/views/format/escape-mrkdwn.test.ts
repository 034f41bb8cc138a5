import { escapeMrkdwn } from '../../../../src/views/format/escape-mrkdwn.js';

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
