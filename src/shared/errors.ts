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
  FilterValue: 'filter_value',
  CommandUsage: 'command_usage',
  StateFile: 'state_file',
  Slack: 'slack',
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

/** True when `error` is one of ours with the given code. */
export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
