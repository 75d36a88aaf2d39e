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
      system.jwks,
      { summary: 'Public keys of the access tokens (JWKS)', tags: ['System'], access: 'public' },
      async (_input, c) => {
        c.header('Cache-Control', 'public, max-age=300');
        return deps.keys.jwks();
      },
    ),
  ];
}
