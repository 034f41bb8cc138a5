import { replyForError } from '../../../src/commands/run-command.js';
import { EmError } from '../../../src/em/errors.js';
import { ErrorCode, UsageError } from '../../../src/shared/errors.js';
import { createCapturingLogger } from '../../helpers/capture-logger.js';
import { blockById, blocksOf, textOf } from '../../helpers/slack-blocks.js';

describe('replyForError', () => {
  it('answers a usage mistake with its line and the usage card, logging nothing', () => {
    const { logger, lines } = createCapturingLogger('debug');
    const reply = replyForError(new UsageError('Unknown subcommand "stauts"'), logger, {});
    expect(textOf(blockById(reply, 'error'))).toContain('Unknown subcommand');
    expect(textOf(blockById(reply, 'usage'))).toContain('status');
    expect(lines).toHaveLength(0);
  });

  it('answers an EM failure with its user message and logs a warning with the code', () => {
    const { logger, lines } = createCapturingLogger('debug');
    const error = new EmError(ErrorCode.EmTimeout, 'GET /api/query timed out', { request: 'GET /api/query' });
    const reply = replyForError(error, logger, { command: 'running' });
    expect(textOf(blockById(reply, 'error'))).toContain(error.userMessage.slice(0, 20));
    expect(blocksOf(reply).some((b) => b.block_id === 'usage')).toBe(false);
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, code: ErrorCode.EmTimeout, command: 'running' }),
    ]);
  });

  it('answers a crash with a generic line, never its text, and logs the stack', () => {
    const { logger, lines } = createCapturingLogger('debug');
    const reply = replyForError(
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      logger,
      {},
    );
    expect(textOf(blockById(reply, 'error'))).toMatch(/went wrong on the bot/);
    expect(JSON.stringify(reply)).not.toContain('Cannot read properties');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'command crashed' });
    expect(JSON.stringify(lines[0])).toContain('TypeError');
  });
});
