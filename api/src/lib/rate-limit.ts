import { type QueryCreator, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

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
    const { rows } = await sql<{ hits: number }>`${spacedUpsert(key, spacing, now, sql`true`)} returning hits`.execute(db);
    if (rows.length > 0) return { admitted: true };
    return { admitted: false, retryAfter: await blockedFor(db, key, now) };
  },

  /**
   * {@link rateLimit.reserve} on several keys, then {@link rateLimit.space} on `spaced.key` only
   * if all of them admit, in one statement: one round trip for each sign-in on registration
   * morning (measured in the sign-in storm). Net effect as if reserved in order, stopping at the
   * first refusal: the refused key stays counted, every other one is given back (and a refused
   * spacing gives back every reserved key).
   */
  async reserveAllThenSpace(
    db: Db,
    limits: readonly (Window & { key: string })[],
    spaced: Spacing & { key: string },
    now: Date,
  ): Promise<Admission> {
    const windowSeconds = limits[0]?.windowSeconds;
    if (windowSeconds === undefined) return rateLimit.space(db, spaced.key, spaced, now);
    if (limits.some((l) => l.windowSeconds !== windowSeconds)) throw new Error('reserveAllThenSpace: one window for every key');
    const limitRows = sql.join(limits.map((l) => sql`(${l.key}::text, ${l.limit}::int)`));
    const { rows } = await sql<{ key: string; hits: number; window_start: Date; spaced: boolean }>`
      with hard as (${countUpsert(
        limits.map((l) => l.key),
        windowSeconds,
        now,
      )}),
      admitted as (
        select coalesce(bool_and(hard.hits <= l.lim), true) as ok
        from hard join (values ${limitRows}) as l(key, lim) on l.key = hard.key
      ),
      spaced as (${spacedUpsert(spaced.key, spaced, now, sql`(select ok from admitted)`)} returning 1)
      select hard.key, hard.hits, hard.window_start, exists (select 1 from spaced) as spaced from hard`.execute(db);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const refused = limits.find((l) => (byKey.get(l.key)?.hits ?? 0) > l.limit);
    if (refused) {
      await rateLimit.forget(
        db,
        limits.filter((l) => l !== refused).map((l) => l.key),
      );
      const row = byKey.get(refused.key);
      const end = row ? new Date(row.window_start).getTime() + windowSeconds * 1000 : now.getTime();
      return { admitted: false, retryAfter: secondsUntil(end, now) };
    }
    if (rows[0]?.spaced) return { admitted: true };
    await rateLimit.forget(
      db,
      limits.map((l) => l.key),
    );
    return { admitted: false, retryAfter: await blockedFor(db, spaced.key, now) };
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

  /**
   * {@link rateLimit.clearAndForget} as the start of another statement (common table
   * expressions, which PostgreSQL runs to completion even though nothing reads them): one round
   * trip for both. Keys must not be empty.
   */
  clearingAndForgetting(db: Db, cleared: string[], forgotten: string[]): QueryCreator<Database> {
    return db
      .with('rate_limits_cleared', (qc) => qc.deleteFrom('rate_limits').where('key', 'in', cleared))
      .with('rate_limits_forgotten', (qc) =>
        qc.updateTable('rate_limits').set({ hits: sql<number>`greatest(hits - 1, 0)` }).where('key', 'in', forgotten),
      ) as QueryCreator<Database>;
  },

  /** {@link rateLimit.clear} of some keys and {@link rateLimit.forget} of others, in one statement. */
  async clearAndForget(db: Db, cleared: string[], forgotten: string[]): Promise<void> {
    if (cleared.length === 0) return rateLimit.forget(db, forgotten);
    if (forgotten.length === 0) return rateLimit.clear(db, cleared);
    await rateLimit.clearingAndForgetting(db, cleared, forgotten).selectNoFrom(sql<number>`1`.as('done')).execute();
  },
};

/** The upsert of one hit on each key (distinct keys, one window), as SQL for a statement or a CTE. */
function countUpsert(keys: readonly string[], windowSeconds: number, now: Date) {
  const expired = new Date(now.getTime() - windowSeconds * 1000);
  const values = sql.join([...new Set(keys)].map((key) => sql`(${key}, ${now}::timestamptz, 1)`));
  return sql`insert into rate_limits (key, window_start, hits) values ${values}
    on conflict (key) do update set
      hits = case when rate_limits.window_start <= ${expired} then 1 else rate_limits.hits + 1 end,
      window_start = case when rate_limits.window_start <= ${expired} then ${now}::timestamptz else rate_limits.window_start end
    returning key, hits, window_start`;
}

/**
 * The upsert that admits one spaced attempt on `key` when `admit` holds (see
 * {@link rateLimit.space}), without its RETURNING: no row comes back when it is refused.
 */
function spacedUpsert(key: string, spacing: Spacing, now: Date, admit: RawBuilder<unknown>) {
  const expired = new Date(now.getTime() - spacing.windowSeconds * 1000);
  const fresh = sql`(rate_limits.window_start <= ${expired})`;
  // The attempt being admitted is number hits + 1; the first one over the free ones waits firstDelay.
  const delaySeconds = sql`least(${spacing.maxDelaySeconds}::float8, ${spacing.firstDelaySeconds}::float8 * power(2::float8, rate_limits.hits - ${spacing.freeAttempts}))`;
  return sql`insert into rate_limits (key, window_start, hits, blocked_until)
    select ${key}, ${now}::timestamptz, 1, null::timestamptz where ${admit}
    on conflict (key) do update set
      hits = case when ${fresh} then 1 else rate_limits.hits + 1 end,
      window_start = case when ${fresh} then ${now}::timestamptz else rate_limits.window_start end,
      blocked_until = case
        when ${fresh} then null
        when rate_limits.hits + 1 > ${spacing.freeAttempts} then ${now}::timestamptz + ${delaySeconds} * interval '1 second'
        else rate_limits.blocked_until end
    where ${fresh} or rate_limits.hits < ${spacing.freeAttempts}
      or rate_limits.blocked_until is null or rate_limits.blocked_until <= ${now}`;
}

/** Seconds until a spaced key admits again. */
async function blockedFor(db: Db, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('rate_limits').select('blocked_until').where('key', '=', key).executeTakeFirst();
  const until = row?.blocked_until ? new Date(row.blocked_until).getTime() : now.getTime();
  return secondsUntil(until, now);
}

/** Upserts one hit on `key`; the row as counted. */
async function countOne(db: Db, key: string, windowSeconds: number, now: Date) {
  const { rows } = await sql<{
    key: string;
    hits: number;
    window_start: Date;
  }>`${countUpsert([key], windowSeconds, now)}`.execute(db);
  const [row] = rows;
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}
