import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export interface Window {
  limit: number;
  windowSeconds: number;
}

/** Beyond `freeAttempts` in the window, attempts are spaced by a delay that doubles up to `maxDelaySeconds`. */
export interface Spacing {
  freeAttempts: number;
  windowSeconds: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
}

export type Admission = { admitted: true } | { admitted: false; retryAfter: number };

const secondsUntil = (end: number, now: Date) => Math.max(1, Math.ceil((end - now.getTime()) / 1000));

/**
 * Throttle counters kept in the database, so limits hold across API instances. Every admission
 * is one atomic statement taken BEFORE the expensive or risky work (a password hash): of thirty
 * concurrent attempts, exactly the allowed number get through, the others are refused unhashed.
 * Every instant comes from the caller's injected clock.
 */
export const rateLimit = {
  /**
   * Counts one attempt in a fixed window and says whether it is within the limit. The attempt
   * stays counted (a failure); {@link rateLimit.forget} or {@link rateLimit.clear} give it back.
   */
  async reserve(db: Db, key: string, window: Window, now: Date): Promise<Admission> {
    const row = await countOne(db, key, window.windowSeconds, now);
    if (row.hits <= window.limit) return { admitted: true };
    return { admitted: false, retryAfter: secondsUntil(new Date(row.window_start).getTime() + window.windowSeconds * 1000, now) };
  },

  /** Counts one attempt and returns the window's count (for limits checked by the caller). */
  async hit(db: Db, key: string, window: Window, now: Date): Promise<number> {
    return (await countOne(db, key, window.windowSeconds, now)).hits;
  },

  /**
   * Admits an attempt on a key that slows down instead of locking: the first `freeAttempts` of
   * the window pass at once, each later one only once the previous delay has run out, and sets
   * the next, doubled, delay. Admitted attempts are counted; concurrent callers are serialised
   * by the row lock of the upsert, so a burst from many addresses gets one turn per delay.
   */
  async space(db: Db, key: string, spacing: Spacing, now: Date): Promise<Admission> {
    const expired = new Date(now.getTime() - spacing.windowSeconds * 1000);
    const fresh = sql<boolean>`(rate_limits.window_start <= ${expired})`;
    // The attempt being admitted is number hits + 1; the first one over the free ones waits firstDelay.
    const delaySeconds = sql<number>`least(${spacing.maxDelaySeconds}::float8, ${spacing.firstDelaySeconds}::float8 * power(2::float8, rate_limits.hits - ${spacing.freeAttempts}))`;
    const admitted = await db
      .insertInto('rate_limits')
      .values({ key, window_start: now, hits: 1, blocked_until: null })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            hits: sql<number>`case when ${fresh} then 1 else rate_limits.hits + 1 end`,
            window_start: sql<Date>`case when ${fresh} then ${now}::timestamptz else rate_limits.window_start end`,
            blocked_until: sql<Date | null>`case
              when ${fresh} then null
              when rate_limits.hits + 1 > ${spacing.freeAttempts} then ${now}::timestamptz + ${delaySeconds} * interval '1 second'
              else rate_limits.blocked_until end`,
          })
          .where((eb) =>
            eb.or([
              fresh,
              eb('rate_limits.hits', '<', spacing.freeAttempts),
              eb('rate_limits.blocked_until', 'is', null),
              eb('rate_limits.blocked_until', '<=', now),
            ]),
          ),
      )
      .returning('hits')
      .executeTakeFirst();
    if (admitted) return { admitted: true };
    const row = await db.selectFrom('rate_limits').select('blocked_until').where('key', '=', key).executeTakeFirst();
    const until = row?.blocked_until ? new Date(row.blocked_until).getTime() : now.getTime();
    return { admitted: false, retryAfter: secondsUntil(until, now) };
  },

  /** Gives back one counted attempt (it succeeded, or it was never made). */
  async forget(db: Db, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await db.updateTable('rate_limits').set({ hits: sql<number>`greatest(hits - 1, 0)` }).where('key', 'in', keys).execute();
  },

  async clear(db: Db, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await db.deleteFrom('rate_limits').where('key', 'in', keys).execute();
  },
};

function countOne(db: Db, key: string, windowSeconds: number, now: Date) {
  const expired = new Date(now.getTime() - windowSeconds * 1000);
  return db
    .insertInto('rate_limits')
    .values({ key, window_start: now, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start <= ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<Date>`case when rate_limits.window_start <= ${expired} then ${now}::timestamptz else rate_limits.window_start end`,
      }),
    )
    .returning(['hits', 'window_start'])
    .executeTakeFirstOrThrow();
}
