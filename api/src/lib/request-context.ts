import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import type { Logger } from './logger.js';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane, else a new one),
 * echoes it on the response, and logs one line per request with the route pattern — never
 * the raw path or query, which may carry link tokens.
 */
export function requestContext(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestContextMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const child = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', child);
    const started = performance.now();
    // Set before the handler runs, so it is part of the response the handler builds: `c.header`
    // after it would rebuild that response as a web stream (a third of a large answer's cost).
    c.header('X-Request-Id', requestId);
    await next();
    // An answer built elsewhere (errors, static files) gets it on its headers, in place.
    if (!c.res.headers.has('X-Request-Id')) c.res.headers.set('X-Request-Id', requestId);
    child.info(
      { method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  };
}
