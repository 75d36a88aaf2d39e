import type { ErrorCode } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './api-error.js';
import type { AppEnv } from './app-env.js';
import { type LocalText, preferredLanguage, problemDetail } from './problem-texts.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Renders an RFC 9457 problem; the `type` URI names the stable code, and `detail` is in the
 * language the request prefers (`Accept-Language`: French by default, or English).
 */
export function problemResponse(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: ErrorCode,
  detail: string | LocalText,
  extra: {
    errors?: { path: string; message: string }[];
    headers?: Record<string, string>;
    members?: Record<string, unknown>;
  } = {},
): Response {
  const requestId = c.get('requestId');
  const language = preferredLanguage(c.req.header('accept-language'));
  const body = {
    ...extra.members,
    type: `https://foyer.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: problemDetail(code, detail, language),
    code,
    ...(requestId ? { requestId } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.headers?.['Retry-After'] ? { retryAfter: Number(extra.headers['Retry-After']) } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/problem+json',
      'Content-Language': language,
      Vary: 'Accept-Language',
      ...extra.headers,
    },
  });
}

/**
 * The app's `onError`: known errors keep their status and code; anything else is logged with
 * the request id and answered as a bare 500, so no internals reach the caller.
 */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    if (err.cause) c.get('logger')?.warn({ err: err.cause, code: err.code }, 'request failed');
    return problemResponse(c, err.status as ContentfulStatusCode, err.code, err.detail, {
      ...(err.errors ? { errors: err.errors } : {}),
      ...(err.extra ? { members: err.extra } : {}),
      headers: err.headers,
    });
  }
  if (err instanceof HTTPException && err.status < 500) {
    return problemResponse(c, err.status as ContentfulStatusCode, 'bad_request', err.message || 'Bad request.');
  }
  const retryAfter = transientDatabaseRetryAfter(err);
  if (retryAfter !== undefined) {
    c.get('logger')?.warn({ err }, 'database unavailable');
    return problemResponse(c, 503, 'service_unavailable', 'The service is busy or restarting: try again in a moment.', {
      headers: { 'Retry-After': String(retryAfter) },
    });
  }
  c.get('logger')?.error({ err }, 'unhandled error');
  return problemResponse(c, 500, 'internal_error', 'Something went wrong on our side. Quote the request id if you contact us.');
}

/**
 * Database failures after which nothing was committed and the same request (with its
 * idempotency key) can simply be sent again, with the seconds to wait first (`Retry-After`):
 * - lost connections, server shutdown, serialization failures and deadlocks: a moment;
 * - a slow database: a statement cancelled by `statement_timeout` (or by an operator), a lock
 *   not granted within `lock_timeout`, no pool connection free within the pool wait, no answer
 *   at all well past the statement timeout (a paused or stalled server): a few seconds;
 * - insufficient resources (53xxx: disk full, out of memory, too many connections): longer, an
 *   operator has to act. Reads keep working meanwhile.
 */
const TRANSIENT_RETRY_AFTER: ReadonlyMap<string, number> = new Map([
  ...['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', '40001', '40P01'].map((code) => [code, 1] as const),
  ...['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'].map(
    (code) => [code, 1] as const,
  ),
  ...['57014', '55P03', 'POOL_TIMEOUT', 'QUERY_UNANSWERED'].map((code) => [code, 5] as const),
  ...['53000', '53100', '53200', '53300', '53400'].map((code) => [code, 30] as const),
]);

/** The `Retry-After` seconds of a database failure worth retrying, or undefined for any other error. */
export function transientDatabaseRetryAfter(err: unknown): number | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const seconds = typeof code === 'string' ? TRANSIENT_RETRY_AFTER.get(code) : undefined;
    if (seconds !== undefined) return seconds;
  }
  return undefined;
}

export function isTransientDatabaseError(err: unknown): boolean {
  return transientDatabaseRetryAfter(err) !== undefined;
}
