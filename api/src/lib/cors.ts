import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/database.js';
import type { AppEnv } from './app-env.js';

const ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSE_HEADERS = 'X-Request-Id, Retry-After, Location, Content-Disposition';
const CACHE_MS = 30_000;
/**
 * A parent asks another town to take their family in from their own town's site, whose origin
 * that town has not registered: a collectivity's join-request routes (the parent's, not the
 * agents') are shared by all towns, like auth and me. The access token remains the proof.
 */
const SHARED_COLLECTIVITY_ROUTE = /^\/v1\/collectivities\/[^/]+\/join-requests\/?$/;

/**
 * Cross-origin access for widgets embedded in towns' sites. A route under
 * `/v1/collectivities/:c` answers only the origins that collectivity registered; the routes
 * shared by all towns (auth, me, the list of towns, asking to join one) answer any registered origin. The API's own origin (the demo
 * site) is always allowed. No cookies are used, so credentials are never allowed.
 */
export function cors(db: Db, ownOrigin: string): MiddlewareHandler<AppEnv> {
  let cache: { at: number; bySlug: Map<string, Set<string>>; all: Set<string> } | undefined;
  async function origins() {
    if (!cache || Date.now() - cache.at > CACHE_MS) {
      const rows = await db.selectFrom('collectivities').select(['slug', 'embedding_origins']).execute();
      const bySlug = new Map(rows.map((r) => [r.slug, new Set(r.embedding_origins)]));
      cache = { at: Date.now(), bySlug, all: new Set(rows.flatMap((r) => r.embedding_origins)) };
    }
    return cache;
  }
  return async function corsMiddleware(c, next) {
    const origin = c.req.header('origin');
    const preflight = c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined;
    let allowed = false;
    if (origin) {
      if (origin === ownOrigin) allowed = true;
      else {
        const known = await origins();
        const slug = SHARED_COLLECTIVITY_ROUTE.test(c.req.path)
          ? undefined
          : c.req.path.match(/^\/v1\/collectivities\/([^/]+)/)?.[1];
        allowed = slug ? (known.bySlug.get(slug)?.has(origin) ?? false) : known.all.has(origin);
      }
    }
    if (preflight) {
      const headers: Record<string, string> = { Vary: 'Origin' };
      if (allowed && origin) {
        Object.assign(headers, {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE',
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
        });
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed && origin) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS);
    }
  };
}
