import { parseCommand } from '../../../src/commands/parse-command.js';
import { COMMAND_NAMES, COMMANDS, commandNamed } from '../../../src/commands/registry.js';
import { runCommand } from '../../../src/commands/run-command.js';
import { ErrorCode, UsageError } from '../../../src/shared/errors.js';
import { escapeMrkdwn } from '../../../src/views/format/escape-mrkdwn.js';
import { blockById, textOf } from '../views/block-queries.js';
import { offlineDeps } from './handlers/watcher-fake.js';

/** `help` and usage errors never reach EM. */
const offline = offlineDeps();

const context = { userId: 'U1', channelId: 'C1' };

describe('the command registry', () => {
  it('names each subcommand once, with a usage that starts with its name and a summary', () => {
    expect(new Set(COMMAND_NAMES).size).toBe(COMMANDS.length);
    for (const spec of COMMANDS) {
      expect(spec.usage === spec.name || spec.usage.startsWith(`${spec.name} `)).toBe(true);
      expect(spec.summary.length).toBeGreaterThan(0);
    }
  });

  it.each(COMMAND_NAMES)('parses `%s` to its registry entry', (name) => {
    const parsed = parseCommand(`${name.toUpperCase()} some args`);
    expect(parsed).toEqual({ name, rest: 'some args' });
    expect(commandNamed(parsed.name).name).toBe(name);
  });

  it('suggests the nearest registry name for an unknown subcommand', () => {
    for (const [typo, meant] of [
      ['subscibe', 'subscribe'],
      ['unmuet', 'unmute'],
      ['subscriptons', 'subscriptions'],
    ]) {
      let caught: unknown;
      try {
        parseCommand(`${typo} x`);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).code).toBe(ErrorCode.CommandUsage);
      expect((caught as UsageError).userMessage).toContain(`did you mean \`${meant}\``);
    }
  });
});

describe('/veeam help', () => {
  it('lists every registry entry in the blocks and every name in the fallback text', async () => {
    const view = await runCommand('help', context, offline);
    const usage = textOf(blockById(view, 'usage'));
    for (const spec of COMMANDS) {
      expect(usage).toContain(`\`/veeam ${escapeMrkdwn(spec.usage)}\` ${spec.summary}`);
      expect(view.text).toMatch(new RegExp(`[:,] ${spec.name}(,|$)`));
    }
  });

  it('answers an unknown subcommand with the line and the whole usage list', async () => {
    const view = await runCommand('frobnicate', context, offline);
    expect(textOf(blockById(view, 'error'))).toContain('Unknown subcommand "frobnicate"');
    const usage = textOf(blockById(view, 'usage'));
    for (const spec of COMMANDS) expect(usage).toContain(`\`/veeam ${escapeMrkdwn(spec.usage)}\``);
  });
});
