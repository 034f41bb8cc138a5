import {
  AppError,
  ErrorCode,
  SlackApiError,
  StateFileError,
  UsageError,
  toAppError,
} from '../../../src/shared/errors.js';

describe('error classes', () => {
  it('gives usage and state-file failures their own class and code', () => {
    expect(new UsageError('no such subcommand')).toMatchObject({ code: ErrorCode.CommandUsage });
    expect(new StateFileError('bad file', { cause: new Error('EROFS') })).toMatchObject({
      code: ErrorCode.StateFile,
      cause: expect.any(Error),
    });
  });

  it("keeps Slack's code and Retry-After, and knows which codes are final", () => {
    const gone = new SlackApiError('chat.postMessage', 'channel_not_found', { channel: 'C1' });
    const limited = new SlackApiError('chat.postMessage', 'ratelimited', { retryAfter: 30 });
    expect(gone).toBeInstanceOf(AppError);
    expect(gone).toMatchObject({ code: ErrorCode.Slack, slackCode: 'channel_not_found', isFinal: true });
    expect(limited).toMatchObject({ slackCode: 'ratelimited', retryAfter: 30, isFinal: false });
    for (const code of [
      'not_in_channel',
      'is_archived',
      'invalid_auth',
      'token_revoked',
      'account_inactive',
    ]) {
      expect(new SlackApiError('chat.update', code).isFinal).toBe(true);
    }
  });

  it('turns anything thrown into one of ours, keeping ours as they are', () => {
    const ours = new UsageError('x');
    expect(toAppError(ours)).toBe(ours);
    const wrapped = toAppError(new TypeError('boom'));
    expect(wrapped).toMatchObject({ code: ErrorCode.Internal, cause: expect.any(TypeError) });
    expect(wrapped.userMessage).not.toContain('boom');
    expect(toAppError('text')).toMatchObject({ code: ErrorCode.Internal, message: 'text' });
  });
});
