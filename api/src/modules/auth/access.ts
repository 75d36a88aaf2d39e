import type { MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import type { AgentRole } from '../../db/schema.js';
import { acrossCollectivities, inCollectivity } from '../../db/tenant-scope.js';
import type { AppDeps } from '../../deps.js';
import { ApiError, forbidden, notFound, unauthenticated } from '../../lib/api-error.js';
import type { AppEnv, CollectivityContext } from '../../lib/app-env.js';
import { BatchLoader } from '../../lib/batch-loader.js';
import type { Access } from '../../lib/route.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { findCollectivityContext } from '../collectivities/collectivity-context.js';
import { verifyAccessToken } from './access-tokens.js';
import { holderKey, liveHolders, type TokenHolder } from './sessions.js';

function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i);
  return match?.[1];
}

type Membership = { household_id: string | null; role: AgentRole | null };

// The membership cache of each app (per set of dependencies), so that an agent's role change
// or removal can forget the cached one (see `forgetAgentMembership`).
const membershipCaches = new WeakMap<object, TtlCache<string, Membership | undefined>>();

/**
 * Forgets an agent's cached membership after the back office changed or removed their role, so
 * that the change applies at once on this instance (other instances within `config.cacheSeconds`).
 */
export function forgetAgentMembership(deps: object, collectivityId: string, accountId: string): void {
  membershipCaches.get(deps)?.delete(`${collectivityId}|${accountId}|agent`);
}

/**
 * The access middlewares of the app, sharing short-lived caches of collectivities and
 * memberships (`config.cacheSeconds`): every scoped request needs both, and they change rarely.
 * Only found memberships are cached, so a new one applies at once; a removed one within the TTL.
 */
export function accessControl(deps: AppDeps) {
  const ttl = deps.config.cacheSeconds * 1000;
  const collectivities = new TtlCache<string, CollectivityContext | undefined>(ttl, 1000, { serveStale: true });
  const memberships = new TtlCache<string, Membership | undefined>(ttl);
  membershipCaches.set(deps, memberships);
  // A token's signature is checked once: verifying ES256 costs more than the rest of a request.
  // Only valid tokens are kept, and each is checked again for expiry at every use.
  const verified = new Map<string, { accountId: string; expires: number }>();
  // Tokens seen for the first time at about the same moment are checked against their sign-ins
  // together (across towns: accounts and sign-ins belong to none).
  const liveness = new BatchLoader<string, boolean>(async (keys) => {
    const holders = keys.map((key): TokenHolder => {
      const [accountId = '', sessionId = ''] = key.split('|');
      return { accountId, sessionId: sessionId || undefined };
    });
    const live = await acrossCollectivities(() => liveHolders(deps.db, holders));
    return new Map(keys.map((key) => [key, live.has(key)]));
  });
  const accountOf = async (token: string): Promise<string> => {
    const now = deps.clock.now();
    const known = verified.get(token);
    // `exp` is a whole second: the token is valid while now <= exp (jose's rule).
    if (known && now.getTime() <= known.expires) return known.accountId;
    const { accountId, expiresAt, sessionId } = await verifyAccessToken(deps.keys, deps.config.auth, token, now);
    // Checked once per token and process (then cached with it): a logged-out sign-in or a
    // disabled account is refused here, at the latest when the cache entry is gone.
    if (!(await liveness.load(holderKey({ accountId, sessionId })))) {
      throw new ApiError(401, 'unauthenticated', 'This session has ended: sign in again.', {
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      });
    }
    if (verified.size >= 20_000) verified.clear();
    verified.set(token, { accountId, expires: expiresAt });
    return accountId;
  };

  const loadCollectivity = (slug: string) => findCollectivityContext(deps.db, { slug });

  // Memberships asked for at about the same time are read together: at a rush, two thousand
  // first requests cost a few queries, not two thousand queued before the work itself.
  const membershipLoader = new BatchLoader<string, Membership>(async (keys) => {
    const found = new Map<string, Membership>();
    const groups = new Map<string, { collectivityId: string; kind: 'parent' | 'agent'; accountIds: string[] }>();
    for (const key of keys) {
      const [collectivityId = '', accountId = '', kind] = key.split('|');
      if (kind !== 'parent' && kind !== 'agent') continue;
      const group = groups.get(`${collectivityId}|${kind}`) ?? { collectivityId, kind, accountIds: [] };
      group.accountIds.push(accountId);
      groups.set(`${collectivityId}|${kind}`, group);
    }
    for (const { collectivityId, kind, accountIds } of groups.values()) {
      // A batch mixes the requests of several towns: each group is read in its own town's scope.
      const rows = await inCollectivity(collectivityId, () =>
        deps.db
          .selectFrom('memberships')
          .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
          .select(['memberships.account_id', 'memberships.household_id', 'memberships.role'])
          .where('memberships.collectivity_id', '=', collectivityId)
          // A literal: the planner then uses the kind's partial unique index.
          .where('memberships.kind', '=', sql.lit(kind))
          .where(sql<boolean>`memberships.account_id = any(${accountIds}::uuid[])`)
          .where('accounts.disabled_at', 'is', null)
          .execute(),
      );
      for (const row of rows) {
        found.set(`${collectivityId}|${row.account_id}|${kind}`, { household_id: row.household_id, role: row.role });
      }
    }
    return found;
  });
  const loadMembership = (collectivityId: string, accountId: string, kind: 'parent' | 'agent') =>
    membershipLoader.load(`${collectivityId}|${accountId}|${kind}`);

  /** Resolves the `:c` of the path to its collectivity, or 404. */
  const resolveCollectivity: MiddlewareHandler<AppEnv> = async function resolveCollectivityMiddleware(c, next) {
    const slug = c.req.param('c');
    if (slug !== undefined) {
      const key = slug;
      let collectivity = await collectivities.getOrLoad(key, () => loadCollectivity(slug));
      if (!collectivity) {
        collectivities.delete(key);
        collectivity = await loadCollectivity(slug);
      }
      if (!collectivity) throw notFound('collectivity');
      c.set('collectivity', collectivity);
      // Everything the request does from here sees only this town's rows (row-level security).
      return inCollectivity(collectivity.id, next);
    }
    await next();
  };

  /**
   * Enforces a route's access rule. The collectivity always comes from the path and is checked
   * against the caller's memberships, never taken from a header or the body.
   */
  const requireAccess = (access: Access, roles?: readonly AgentRole[]): MiddlewareHandler<AppEnv> =>
    async function requireAccessMiddleware(c, next) {
      // Public routes ignore any token, so a stale one left in a header never blocks them.
      if (access === 'public') return next();
      const header = c.req.header('authorization');
      if (!header) throw unauthenticated();
      const token = bearer(header);
      if (!token) throw unauthenticated('Send the access token as "Authorization: Bearer <token>".');
      const caller = { accountId: await accountOf(token) };
      c.set('caller', caller);
      if (access === 'account') return next();
      const collectivity = c.get('collectivity');
      if (!collectivity) throw new Error(`route ${c.req.routePath} needs :c for ${access} access`);
      const key = `${collectivity.id}|${caller.accountId}|${access}`;
      let membership = await memberships.getOrLoad(key, () => loadMembership(collectivity.id, caller.accountId, access));
      if (!membership) {
        memberships.delete(key);
        membership = await loadMembership(collectivity.id, caller.accountId, access);
      }
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

  return { resolveCollectivity, requireAccess };
}
