import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { TtlCache } from '../../lib/ttl-cache.js';
import { loadRulesSnapshot, type RulesSnapshot } from './activity-rules.js';

// One cache per app (per set of dependencies), shared by the calendar and the checkout.
const caches = new WeakMap<AppDeps, TtlCache<string, RulesSnapshot>>();

/**
 * A collectivity's activity rules, kept in memory for `config.cacheSeconds`: every calendar
 * and checkout needs them and they change rarely. A rule change applies within that delay.
 */
export function rulesSnapshot(deps: AppDeps, collectivity: CollectivityContext, db: Db = deps.db): Promise<RulesSnapshot> {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new TtlCache(deps.config.cacheSeconds * 1000, 1000);
    caches.set(deps, cache);
  }
  // `db` is the caller's transaction when it has one: PGlite has a single connection.
  return cache.getOrLoad(collectivity.id, () => loadRulesSnapshot(db, collectivity));
}

/**
 * Forgets a collectivity's rules after the back office changed its catalog, so that its
 * calendars and checkouts follow at once on this instance (other instances within
 * `config.cacheSeconds`).
 */
export function forgetRules(deps: AppDeps, collectivityId: string): void {
  caches.get(deps)?.delete(collectivityId);
}
