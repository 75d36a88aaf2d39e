import type { Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { sql } from 'kysely';
import { poolUsageOf } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';

/**
 * Counts every answered request by its route pattern (the last matched one: the handler's, not
 * this middleware's `*`), and the requests in flight.
 */
export function measureRequests(app: Hono<AppEnv>, deps: AppDeps): void {
  let inFlight = 0;
  deps.runtime.metrics.gauge({
    name: 'foyer_http_requests_in_flight',
    help: 'Requests being answered now.',
    read: () => inFlight,
  });
  app.use('*', async function measure(c, next) {
    const started = performance.now();
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
      const seconds = (performance.now() - started) / 1000;
      deps.runtime.metrics.observeRequest(c.req.method, routePath(c, -1), c.res.status, seconds);
    }
  });
}

/**
 * `/readyz` (may this process take traffic? no while draining or while the database does not
 * answer; `/healthz` says only whether the process is alive) and `/metrics` (Prometheus).
 */
export function mountOperations(app: Hono<AppEnv>, deps: AppDeps): void {
  const { metrics } = deps.runtime;
  metrics.gauge({
    name: 'foyer_outbox_pending',
    help: 'Outbox messages (emails, notifications) not sent yet.',
    read: async () => {
      const row = await deps.db
        .selectFrom('outbox')
        .select(sql<number>`count(*)::int`.as('pending'))
        .where('sent_at', 'is', null)
        .executeTakeFirst();
      return row?.pending ?? 0;
    },
  });
  metrics.gauge({
    name: 'foyer_outbox_lag_seconds',
    help: 'How long the oldest due outbox message has waited (0 when none is due).',
    read: async () => {
      const now = deps.clock.now();
      const row = await deps.db
        .selectFrom('outbox')
        .select(sql<Date | string | null>`min(available_at)`.as('oldest'))
        .where('sent_at', 'is', null)
        .where('available_at', '<=', now)
        .executeTakeFirst();
      return row?.oldest ? Math.max(0, (now.getTime() - new Date(row.oldest).getTime()) / 1000) : 0;
    },
  });

  // The database pool (PostgreSQL only: the embedded database has no pool, and no such lines).
  const pool = poolUsageOf(deps.db);
  if (pool) {
    metrics.gauge({ name: 'foyer_db_pool_size', help: 'Connections the pool may open.', read: () => pool.size });
    metrics.gauge({
      name: 'foyer_db_pool_in_use',
      help: 'Pool connections held by a query or transaction now.',
      read: () => pool.inUse,
    });
    metrics.gauge({
      name: 'foyer_db_pool_waiting',
      help: 'Queries and transactions waiting for a pool connection.',
      read: () => pool.waiting,
    });
  }
  // The sign-in gate: password hashes running, queued, and refused with 503 since the start.
  const gate = () => deps.passwords.stats();
  metrics.gauge({ name: 'foyer_signin_hashing_in_use', help: 'Password hashes computing now.', read: () => gate().running });
  metrics.gauge({ name: 'foyer_signin_hashing_limit', help: 'Password hashes allowed at once.', read: () => gate().concurrency });
  metrics.gauge({ name: 'foyer_signin_hashing_queued', help: 'Password hashes waiting for a turn.', read: () => gate().waiting });
  metrics.gauge({
    name: 'foyer_signin_hashing_rejected_total',
    help: 'Sign-ins refused (503 server_busy) because the hashing queue was full, since the process started.',
    type: 'counter',
    read: () => gate().refused,
  });

  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (deps.runtime.draining) return c.json({ status: 'draining' }, 503);
    const up = await sql`select 1`
      .execute(deps.db)
      .then(() => true)
      .catch(() => false);
    return up ? c.json({ status: 'ready' }) : c.json({ status: 'database_down' }, 503);
  });

  app.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.body(await metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}

/**
 * Cache headers of the widgets: the chunks beside foyer.js are named by their content's hash,
 * so they never change (a year, `immutable`); foyer.js itself keeps its name across versions,
 * so caches keep it a short while and then revalidate it cheaply with its ETag.
 */
export function widgetCaching(): MiddlewareHandler<AppEnv> {
  return async function cacheWidgets(c, next) {
    await next();
    if (c.res.status !== 200 && c.res.status !== 304) return;
    const hashed = c.req.path.startsWith('/foyer.js.chunks/');
    c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300, must-revalidate');
  };
}
