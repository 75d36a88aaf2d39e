import { system } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';

export const VERSION = '0.1.0';

export function systemRoutes(deps: AppDeps): Route[] {
  return [
    route(
      system.health,
      { summary: 'Liveness and database reachability', tags: ['System'], access: 'public' },
      async (_input, c) => {
        const up = await sql`select 1`
          .execute(deps.db)
          .then(() => true)
          .catch(() => false);
        const body = {
          status: up ? ('ok' as const) : ('degraded' as const),
          database: up ? ('up' as const) : ('down' as const),
          version: VERSION,
        };
        c.header('Cache-Control', 'no-store');
        return up ? body : c.json(body, 503);
      },
    ),
    route(
      system.embeddingCheck,
      { summary: 'What a page embedding Foyer needs to know first (any origin may ask)', tags: ['System'], access: 'public' },
      async ({ query }, c) => {
        const origin = c.req.header('origin');
        const row = await deps.db
          .selectFrom('collectivities')
          .select('embedding_origins')
          .where('slug', '=', query.collectivity)
          .executeTakeFirst();
        const registered =
          origin === new URL(deps.config.publicUrl).origin || (row?.embedding_origins.includes(origin ?? '') ?? false);
        // Readable by the page whatever its origin: it is how a page learns it is not registered.
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Cache-Control', 'no-store');
        return {
          collectivity: row ? ('found' as const) : ('unknown' as const),
          origin: !origin ? ('absent' as const) : registered ? ('registered' as const) : ('unregistered' as const),
          contract: { revision: system.CONTRACT_REVISION, oldestClient: deps.config.oldestClientRevision },
        };
      },
    ),
    route(
      system.jwks,
      { summary: 'Public keys of the access tokens (JWKS)', tags: ['System'], access: 'public' },
      async (_input, c) => {
        c.header('Cache-Control', 'public, max-age=300');
        return deps.keys.jwks();
      },
    ),
  ];
}
