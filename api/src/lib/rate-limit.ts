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

  /**
   * {@link rateLimit.reserve} for several keys in one statement (one round trip, one commit: a
   * sign-in takes two of them on registration morning). Net effect as if reserved in order,
   * stopping at the first refusal: the refused key stays counted, every other one is given back.
   */
  async reserveAll(db: Db, limits: readonly (Window & { key: string })[], now: Date): Promise<Admission> {
    const windowSeconds = limits[0]?.windowSeconds;
    if (windowSeconds === undefined) return { admitted: true };
    if (limits.some((l) => l.windowSeconds !== windowSeconds)) throw new Error('reserveAll: one window for every key');
    const rows = await countMany(
      db,
      limits.map((l) => l.key),
      windowSeconds,
      now,
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const refused = limits.find((l) => (byKey.get(l.key)?.hits ?? 0) > l.limit);
    if (!refused) return { admitted: true };
    await rateLimit.forget(
      db,
      limits.filter((l) => l !== refused).map((l) => l.key),
    );
    const row = byKey.get(refused.key);
    const end = row ? new Date(row.window_start).getTime() + windowSeconds * 1000 : now.getTime();
    return { admitted: false, retryAfter: secondsUntil(end, now) };
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

  /** {@link rateLimit.clear} of some keys and {@link rateLimit.forget} of others, in one statement. */
  async clearAndForget(db: Db, cleared: string[], forgotten: string[]): Promise<void> {
    if (cleared.length === 0) return rateLimit.forget(db, forgotten);
    if (forgotten.length === 0) return rateLimit.clear(db, cleared);
    await db
      .with('cleared', (qc) => qc.deleteFrom('rate_limits').where('key', 'in', cleared))
      .updateTable('rate_limits')
      .set({ hits: sql<number>`greatest(hits - 1, 0)` })
      .where('key', 'in', forgotten)
      .execute();
  },
};

/** Upserts one hit on each key (distinct keys, one window); the rows as counted. */
function countMany(db: Db, keys: string[], windowSeconds: number, now: Date) {
  const expired = new Date(now.getTime() - windowSeconds * 1000);
  return db
    .insertInto('rate_limits')
    .values([...new Set(keys)].map((key) => ({ key, window_start: now, hits: 1 })))
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start <= ${expired} then 1 else rate_limits.hits + 1 end`,
        window_start: sql<Date>`case when rate_limits.window_start <= ${expired} then ${now}::timestamptz else rate_limits.window_start end`,
      }),
    )
    .returning(['key', 'hits', 'window_start'])
    .execute();
}

async function countOne(db: Db, key: string, windowSeconds: number, now: Date) {
  const [row] = await countMany(db, [key], windowSeconds, now);
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}
