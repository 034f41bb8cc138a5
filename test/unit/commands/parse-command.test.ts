import { parseCommand } from '../../../src/commands/parse-command.js';
import { parseOptions, unquote } from '../../../src/commands/parse-text.js';
import { AppError, ErrorCode } from '../../../src/shared/errors.js';

function usageMessage(text: string): string {
  try {
    parseCommand(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.CommandUsage);
    return (error as AppError).userMessage;
  }
  throw new Error('expected a usage error');
}

describe('parseCommand', () => {
  it.each([
    ['', { name: 'help', rest: '' }],
    ['   ', { name: 'help', rest: '' }],
    ['status Fileserver02 Replication', { name: 'status', rest: 'Fileserver02 Replication' }],
    ['STATUS   Fileserver02   Replication ', { name: 'status', rest: 'Fileserver02 Replication' }],
    ['vm\u00a0apache02', { name: 'vm', rest: 'apache02' }],
    ['failures', { name: 'failures', rest: '' }],
  ])('reads %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('suggests the subcommand a typo meant', () => {
    expect(usageMessage('statsu x')).toMatch(/did you mean `status`/);
    expect(usageMessage('xyzzy')).toMatch(/^Unknown subcommand "xyzzy"/);
  });

  it('refuses absurdly long text', () => {
    expect(usageMessage(`status ${'x'.repeat(600)}`)).toMatch(/too long/);
  });
});

describe('unquote and parseOptions', () => {
  it.each([
    ['"Fileserver02 Replication"', 'Fileserver02 Replication'],
    ['“Fileserver02 Replication”', 'Fileserver02 Replication'],
    ["'db01'", 'db01'],
    ['plain name', 'plain name'],
    ['"unbalanced', '"unbalanced'],
  ])('unquotes %j', (text, expected) => {
    expect(unquote(text)).toBe(expected);
  });

  it('reads key:value options with quoted values and leftover words', () => {
    const { options, words } = parseOptions('type:backup job:"SQL *" level:FAILED extra');
    expect(Object.fromEntries(options)).toEqual({ type: 'backup', job: 'SQL *', level: 'FAILED' });
    expect(words).toEqual(['extra']);
  });
});
