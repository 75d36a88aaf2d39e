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
  if (isTransientDatabaseError(err)) {
    c.get('logger')?.warn({ err }, 'database unavailable');
    return problemResponse(c, 503, 'service_unavailable', 'The service is busy or restarting: try again in a moment.', {
      headers: { 'Retry-After': '1' },
    });
  }
  c.get('logger')?.error({ err }, 'unhandled error');
  return problemResponse(c, 500, 'internal_error', 'Something went wrong on our side. Quote the request id if you contact us.');
}

// Lost connections, server shutdown, serialization failures and deadlocks: nothing was
// committed, and the same request (with its idempotency key) can simply be sent again.
const TRANSIENT_CODES = new Set([
  '08000',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '40001',
  '40P01',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

export function isTransientDatabaseError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  }
  return false;
}
