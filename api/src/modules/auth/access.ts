import type { MiddlewareHandler } from 'hono';
import type { AgentRole } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { ApiError, forbidden, notFound, unauthenticated } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import type { Access } from '../../lib/route.js';
import { verifyAccessToken } from './access-tokens.js';

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i);
  return match?.[1];
}

/** Resolves the `:c` of the path to its collectivity, or 404. */
export function resolveCollectivity(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function resolveCollectivityMiddleware(c, next) {
    const slug = c.req.param('c');
    if (slug !== undefined) {
      const row = await deps.db
        .selectFrom('collectivities')
        .select(['id', 'slug', 'name', 'time_zone', 'school_holiday_zone', 'alsace_moselle'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (!row) throw notFound('collectivity');
      c.set('collectivity', {
        id: row.id,
        slug: row.slug,
        name: row.name,
        timeZone: row.time_zone,
        schoolHolidayZone: row.school_holiday_zone,
        alsaceMoselle: row.alsace_moselle,
      });
    }
    await next();
  };
}

/**
 * Enforces a route's access rule. The collectivity always comes from the path and is checked
 * against the caller's memberships, never taken from a header or the body.
 */
export function requireAccess(deps: AppDeps, access: Access, roles?: AgentRole[]): MiddlewareHandler<AppEnv> {
  return async function requireAccessMiddleware(c, next) {
    // Public routes ignore any token, so a stale one left in a header never blocks them.
    if (access === 'public') return next();
    const header = c.req.header('authorization');
    if (!header) throw unauthenticated();
    const token = bearer(header);
    if (!token) throw unauthenticated('Send the access token as "Authorization: Bearer <token>".');
    const caller = { accountId: await verifyAccessToken(deps.keys, deps.config.auth, token, deps.clock.now()) };
    c.set('caller', caller);
    if (access === 'account') return next();
    const collectivity = c.get('collectivity');
    if (!collectivity) throw new Error(`route ${c.req.routePath} needs :c for ${access} access`);
    const membership = await deps.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['memberships.household_id', 'memberships.role'])
      .where('memberships.collectivity_id', '=', collectivity.id)
      .where('memberships.account_id', '=', caller.accountId)
      .where('memberships.kind', '=', access)
      .where('accounts.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!membership) {
      throw forbidden(
        access === 'parent'
          ? 'Your account has no household in this collectivity.'
          : 'This is for the agents of this collectivity.',
      );
    }
    if (access === 'parent') c.set('householdId', membership.household_id ?? undefined);
    if (access === 'agent') {
      if (!membership.role || (roles && !roles.includes(membership.role))) {
        throw new ApiError(403, 'forbidden', 'Your agent role does not allow this.');
      }
      c.set('agentRole', membership.role);
    }
    return next();
  };
}
