/** Every failure the bot knows about, one code each; tests assert the code, never the message text. */
export const ErrorCode = {
  Config: 'config',
  EmAuth: 'em_auth',
  EmForbidden: 'em_forbidden',
  EmNotFound: 'em_not_found',
  EmBadRequest: 'em_bad_request',
  EmServer: 'em_server',
  EmNetwork: 'em_network',
  EmTls: 'em_tls',
  EmTimeout: 'em_timeout',
  EmParse: 'em_parse',
  EmTooLarge: 'em_too_large',
  EmPaging: 'em_paging',
  FilterValue: 'filter_value',
  CommandUsage: 'command_usage',
  StateFile: 'state_file',
  Slack: 'slack',
  LeaseLost: 'lease_lost',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base of every error we throw: a code, an optional cause and a one-line message safe to show a user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; userMessage?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = options.userMessage ?? message;
  }
}

/** Invalid or missing configuration: one line naming the variable and what is wrong. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super(ErrorCode.Config, message);
  }
}

/** A `/veeam` text we cannot act on: answered with one line plus the usage card. */
export class UsageError extends AppError {
  constructor(message: string) {
    super(ErrorCode.CommandUsage, message);
  }
}

/** The state file (or folder) cannot be read, parsed or written: one line naming the file and the fix. */
export class StateFileError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(ErrorCode.StateFile, message, options);
  }
}

/**
 * Slack's `error` codes after which retrying the same call cannot succeed: the channel is gone or closed to
 * the bot, or the token no longer works. An alert meeting one is marked failed at once and reported.
 */
export const FINAL_SLACK_CODES: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'token_revoked',
  'account_inactive',
]);

/** A Slack Web API call failed: Slack's own error code (or the transport's), the method, and any Retry-After. */
export class SlackApiError extends AppError {
  /** Slack's `error` string (`channel_not_found`, `ratelimited`, ...) or a transport code. */
  readonly slackCode: string;
  readonly method: string;
  /** Seconds Slack asked us to wait (HTTP 429), when it did. */
  readonly retryAfter: number | undefined;

  constructor(
    method: string,
    slackCode: string,
    options: { cause?: unknown; retryAfter?: number; channel?: string } = {},
  ) {
    const where = options.channel ? ` in ${options.channel}` : '';
    super(ErrorCode.Slack, `${method} failed${where}: ${slackCode}`, {
      cause: options.cause,
      userMessage: `Slack refused the message (${slackCode})`,
    });
    this.slackCode = slackCode;
    this.method = method;
    this.retryAfter = options.retryAfter;
  }

  /** True when retrying cannot help (see FINAL_SLACK_CODES). */
  get isFinal(): boolean {
    return FINAL_SLACK_CODES.has(this.slackCode);
  }
}

/** True when `error` is one of ours with the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** Any thrown value as one of ours: AppErrors pass through, anything else becomes `internal` with it as cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(ErrorCode.Internal, message, {
    cause: error,
    userMessage: 'Something went wrong on the bot’s side; the details are in its log',
  });
}
