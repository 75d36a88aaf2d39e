import { AsyncLocalStorage } from 'node:async_hooks';
import { isUuid } from '../lib/uuid.js';

/**
 * Whose rows a query may see: the backstop under every `collectivity_id` filter. PostgreSQL's
 * row-level security (migration 0031) shows the API's role only the rows of the collectivity the
 * connection is set to; each connection is set from the scope of the code that takes it, so a
 * query that forgets its filter still returns nothing of another town.
 *
 * - a collectivity: a request on `/v1/collectivities/:c/…`, once `:c` is resolved;
 * - `all`: work that spans towns by design (background workers, sign-in before the town is
 *   known, the caller's own account across towns); the default outside any scope;
 * - `owner`: migrations, which run as the tables' owner, outside row security.
 */
export type TenantScope = { collectivityId: string } | 'all' | 'owner';

const storage = new AsyncLocalStorage<TenantScope>();

/** The role the API's queries run as: it does not own the tables, so row security applies to it. */
export const APP_ROLE = 'foyer_app';

/** The setting the row-security policies read: a collectivity id, or `all`. */
export const SCOPE_SETTING = 'foyer.collectivity';

/** Runs `work` (and everything it starts) seeing only the rows of one collectivity. */
export function inCollectivity<T>(collectivityId: string, work: () => T): T {
  if (!isUuid(collectivityId)) throw new Error(`not a collectivity id: ${collectivityId}`);
  return storage.run({ collectivityId }, work);
}

/** Runs `work` across collectivities: a background worker's round, a town-independent lookup. */
export function acrossCollectivities<T>(work: () => T): T {
  return storage.run('all', work);
}

/** Runs `work` as the tables' owner (migrations). */
export function asTableOwner<T>(work: () => T): T {
  return storage.run('owner', work);
}

/** The scope of the code running now. */
export function currentTenantScope(): TenantScope {
  return storage.getStore() ?? 'all';
}

/**
 * What a connection runs before it serves `scope` (simple-protocol statements, no parameters:
 * the id was checked to be a UUID when the scope was entered).
 */
export function scopeStatements(scope: TenantScope): string {
  // One statement (one answer to parse), not `SET ROLE …; SET …`: it is sent at every checkout.
  const value = scope === 'owner' || scope === 'all' ? 'all' : scope.collectivityId;
  const role = scope === 'owner' ? 'none' : APP_ROLE;
  return `select set_config('role', '${role}', false), set_config('${SCOPE_SETTING}', '${value}', false)`;
}

/**
 * Whether a database's connections take their scope yet: off until the migration that creates
 * the role has run (`enableRowSecurity` in database.ts), so that migrating an empty database
 * works; on for every request after that.
 */
export interface RowSecuritySwitch {
  on: boolean;
}
