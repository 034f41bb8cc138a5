import { AppError, ErrorCode } from '../shared/errors.js';

/** An EM request failure: the code says what kind, `status` the HTTP status when there was one. */
export class EmError extends AppError {
  readonly status: number | undefined;
  /** Method and path only; never a query string with secrets, never headers. */
  readonly request: string;

  constructor(
    code: ErrorCode,
    message: string,
    details: { status?: number; request: string; cause?: unknown; userMessage?: string },
  ) {
    super(code, message, { cause: details.cause, userMessage: details.userMessage ?? userMessageFor(code) });
    this.status = details.status;
    this.request = details.request;
  }
}

function userMessageFor(code: ErrorCode): string {
  switch (code) {
    case ErrorCode.EmAuth:
      return 'Enterprise Manager refused the bot’s logon; check VEEAM_USERNAME and VEEAM_PASSWORD';
    case ErrorCode.EmForbidden:
      return 'The bot’s Enterprise Manager account is not allowed to see that';
    case ErrorCode.EmNotFound:
      return 'Enterprise Manager has no such object (it may have been deleted)';
    case ErrorCode.EmBadRequest:
      return 'Enterprise Manager refused the request';
    case ErrorCode.EmTimeout:
      return 'Enterprise Manager did not answer in time; try again';
    case ErrorCode.EmNetwork:
      return 'Enterprise Manager cannot be reached right now; try again';
    case ErrorCode.EmTooLarge:
      return 'Enterprise Manager sent an answer larger than EM_MAX_RESPONSE_BYTES; it was refused';
    case ErrorCode.EmPaging:
      return 'Enterprise Manager sent more pages than the bot reads for one request; narrow the request';
    default:
      return 'Enterprise Manager answered with an error; try again';
  }
}

/** The error code for an HTTP status EM answered with. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.EmAuth;
  if (status === 403) return ErrorCode.EmForbidden;
  if (status === 404) return ErrorCode.EmNotFound;
  if (status >= 500) return ErrorCode.EmServer;
  return ErrorCode.EmBadRequest;
}

/** True for failures worth retrying: network trouble and 5xx (503 included); never 4xx. */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof EmError && (error.code === ErrorCode.EmNetwork || error.code === ErrorCode.EmServer)
  );
}
