import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.js';
import { problemResponse } from './problem.js';

/**
 * The body limit of JSON requests. A body announced by `Content-Length` (browsers and the SDK
 * send it) is judged by that header alone: Node's HTTP parser never reads past it. Asking for
 * the body itself builds a full web Request, the costliest step of a small POST. A chunked
 * body goes through hono's `bodyLimit`, which counts as it reads; GET and HEAD have none.
 */
export function jsonBodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>) =>
    problemResponse(c, 413, 'payload_too_large', `The body is larger than ${maxSize} bytes.`);
  const counting = bodyLimit({ maxSize, onError: tooLarge });
  return async function jsonBodyLimitMiddleware(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > maxSize) return tooLarge(c);
      return next();
    }
    return counting(c, next);
  };
}
