import { SlackApiError } from '../shared/errors.js';

/** The Web API client's error shapes we read (duck-typed: @slack/web-api is Bolt's, not a dependency of ours). */
interface WebApiErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: { code?: unknown; message?: unknown };
  message?: unknown;
}

/**
 * Any failure of a Web API call as a SlackApiError carrying Slack's own `error` code (`channel_not_found`,
 * `ratelimited`, ...), or for transport failures `http_<status>` / the socket's code, plus any Retry-After.
 */
export function toSlackApiError(method: string, error: unknown, channel?: string): SlackApiError {
  if (error instanceof SlackApiError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as WebApiErrorShape;
  const where = channel === undefined ? {} : { channel };
  if (typeof shape.data?.error === 'string') {
    return new SlackApiError(method, shape.data.error, { cause: error, ...where });
  }
  if (shape.code === 'slack_webapi_rate_limited_error') {
    const retryAfter = typeof shape.retryAfter === 'number' ? shape.retryAfter : undefined;
    return new SlackApiError(method, 'ratelimited', {
      cause: error,
      ...where,
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
  }
  if (shape.code === 'slack_webapi_http_error' && typeof shape.statusCode === 'number') {
    return new SlackApiError(method, `http_${shape.statusCode}`, { cause: error, ...where });
  }
  const transport = shape.original?.code ?? shape.code;
  return new SlackApiError(method, typeof transport === 'string' ? transport : 'request_error', {
    cause: error,
    ...where,
  });
}
