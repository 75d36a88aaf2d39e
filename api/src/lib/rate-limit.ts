import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface Window {
  limit: number;
  windowSeconds: number;
}

/**
 * Fixed-window counters kept in the database, so limits hold across API instances.
 * `peek` tells whether a key is already over its limit without counting; `hit` counts one.
 */
export const rateLimit = {
  async peek(db: Db, key: string, window: Window, now: Date): Promise<{ blocked: boolean; retryAfter: number }> {
    const row = await db.selectFrom('rate_limits').select(['hits', 'window_start']).where('key', '=', key).executeTakeFirst();
    if (!row) return { blocked: false, retryAfter: 0 };
    const ends = new Date(row.window_start).getTime() + window.windowSeconds * 1000;
    if (ends <= now.getTime() || row.hits < window.limit) return { blocked: false, retryAfter: 0 };
    return { blocked: true, retryAfter: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) };
  },

  async hit(db: Db, key: string, window: Window, now: Date): Promise<number> {
    const expired = new Date(now.getTime() - window.windowSeconds * 1000);
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: now, hits: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`case when rate_limits.window_start <= ${expired} then 1 else rate_limits.hits + 1 end`,
          window_start: sql<Date>`case when rate_limits.window_start <= ${expired} then ${now} else rate_limits.window_start end`,
        }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    return row.hits;
  },

  async clear(db: Db, key: string): Promise<void> {
    await db.deleteFrom('rate_limits').where('key', '=', key).execute();
  },
};
