import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { type Statement, statement } from '../../db/pipeline.js';
import type { AbsenceKind, BookingStatus, BookingsTable, PaymentsTable } from '../../db/schema.js';
import { unnestRows } from '../../db/unnest-rows.js';
import type { LocalDate } from '../../domain/index.js';
import { LIVE_STATUSES } from '../../domain/index.js';
import { placeKey, placesTakenJson } from '../bookings/capacity.js';

/**
 * The statements of a batch of checkouts: each reads or writes for all its checkouts at once,
 * so that a batch costs the same handful of round trips whether it holds one checkout or
 * hundreds (at a rush, every round trip waits behind the requests still arriving). They are
 * returned compiled, for checkout.ts to send those that do not need each other's answers
 * together (db/pipeline.ts).
 */

export interface CartLineRow {
  id: string;
  household_id: string;
  child_id: string;
  activity_id: string;
  date: LocalDate;
  action: 'book' | 'cancel';
  reason: string | null;
  absence: AbsenceKind | null;
}

export interface LiveBooking {
  id: string;
  child_id: string;
  activity_id: string;
  date: LocalDate;
  status: BookingStatus;
  hold_expires_at: Date | null;
  price_cents: number;
}

/** What the checkouts of a batch depend on, read once their carts are locked. */
export interface BatchRows {
  lines: CartLineRow[];
  households: {
    id: string;
    family_quotient: number | null;
    resident: boolean;
    quotients: { quotient: number; appliesFrom: string }[];
  }[];
  enrolments: { child_id: string; activity_id: string; from_date: LocalDate; to_date: LocalDate }[];
  /** Places taken per activity-day over the lines' activities and dates, before any lock. */
  taken: Map<string, number>;
}

/** Reads `[[activityId, date, n]…]` into places taken per `placeKey`. */
const placesMap = (rows: [string, LocalDate, number][]) =>
  new Map(rows.map(([activityId, date, n]) => [placeKey(activityId, date), n]));

/**
 * Locks the households' carts, in a fixed order (one checkout at a time per household, and
 * two batches never wait on each other in a cycle).
 */
export function lockCarts(trx: Db, collectivityId: string, householdIds: string[]): Statement<void> {
  return statement(
    trx
      .selectFrom('carts')
      .select(['id'])
      .where('collectivity_id', '=', collectivityId)
      .where(sql<boolean>`household_id = any(${householdIds}::uuid[])`)
      .orderBy('household_id')
      .forUpdate()
      .compile(),
  );
}

/**
 * Everything else the checkouts read, in ONE statement sent after the carts' lock (in the same
 * pipeline): a checkout that waited for its cart sees the one before it.
 */
export function readBatchRows(
  trx: Db,
  input: {
    collectivityId: string;
    /** The households whose carts {@link lockCarts} locks. */
    householdIds: string[];
    now: Date;
  },
): Statement<BatchRows> {
  const { collectivityId: cid, householdIds, now } = input;
  // Lines and households are looked up by key, cart by cart (LATERAL … OFFSET 0: never turned
  // into a join). As joins, with the rush's new carts not yet in the statistics and row security
  // blurring the estimates, the planner walked every cart of the town (6,400 at the bench, 77 ms
  // for 250 checkouts) and every household; by key, a batch costs the same in any town.
  const query = sql<{ data: string }>`
    with k as (
      select c.id, c.household_id from unnest(${householdIds}::uuid[]) as h(household_id) cross join lateral (
        select id, household_id from carts c where c.collectivity_id = ${cid} and c.household_id = h.household_id offset 0
      ) c
    ),
    lines as (
      select l.id, k.household_id, l.child_id, l.activity_id, l.date, l.action, l.reason, l.absence
      from k cross join lateral (
        select * from cart_lines l where l.collectivity_id = ${cid} and l.cart_id = k.id offset 0
      ) l
    )
    select json_build_object(
      'lines', coalesce((select json_agg(lines order by date, child_id, activity_id) from lines), '[]'),
      'households', coalesce((select json_agg(json_build_object('id', h.id, 'family_quotient', h.family_quotient, 'resident', h.resident,
          'quotients', coalesce((select json_agg(json_build_object('quotient', q.quotient, 'appliesFrom', q.applies_from))
            from family_quotients q where q.collectivity_id = h.collectivity_id and q.household_id = h.id), '[]')))
        from k cross join lateral (
          select * from households h where h.collectivity_id = ${cid} and h.id = k.household_id offset 0
        ) h), '[]'),
      'enrolments', coalesce((select json_agg(json_build_object('child_id', e.child_id, 'activity_id', e.activity_id,
          'from_date', e.from_date, 'to_date', e.to_date))
        from (select distinct child_id from lines) c cross join lateral (
          select * from enrolments e where e.collectivity_id = ${cid} and e.child_id = c.child_id and e.ended_at is null offset 0
        ) e), '[]'),
      'taken', ${placesTakenJson(
        cid,
        sql`array(select distinct activity_id from lines)`,
        sql`(select min(date) from lines)`,
        sql`(select max(date) from lines)`,
        now,
      )}
    )::text as data`.compile(trx);
  return {
    query,
    read: (result) => {
      const rows = result.rows as { data: string }[];
      const data = JSON.parse(rows[0]?.data ?? '{}') as Omit<BatchRows, 'taken'> & { taken: [string, LocalDate, number][] };
      return { ...data, taken: placesMap(data.taken) };
    },
  };
}

/**
 * The live bookings of these children (rows locked: the batch may change them) and, when the
 * batch holds activity-day locks, the places taken as they are now — in one statement sent
 * after those locks.
 */
export function readLiveBookings(
  trx: Db,
  input: {
    collectivityId: string;
    childIds: string[];
    activityIds: string[];
    from: LocalDate;
    to: LocalDate;
    /** The range to count places again over, or null when no day was locked. */
    recount: { from: LocalDate; to: LocalDate } | null;
    now: Date;
  },
): Statement<{ existing: LiveBooking[]; taken: Map<string, number> | null }> {
  const { collectivityId: cid, childIds, activityIds, from, to, recount, now } = input;
  const counted = recount
    ? placesTakenJson(cid, sql`${activityIds}::uuid[]`, sql`${recount.from}::date`, sql`${recount.to}::date`, now)
    : sql`null`;
  const query = sql<{ data: string }>`
    with existing as (
      select id, child_id, activity_id, date, status, hold_expires_at, price_cents
      from bookings
      where collectivity_id = ${cid} and child_id = any(${childIds}::uuid[]) and activity_id = any(${activityIds}::uuid[])
        and date between ${from} and ${to}
        and status in (${sql.join(LIVE_STATUSES.map((s) => sql.lit(s)))})
      for update
    )
    select json_build_object(
      'existing', coalesce((select json_agg(existing) from existing), '[]'),
      'taken', ${counted}
    )::text as data`.compile(trx);
  return {
    query,
    read: (result) => {
      const rows = result.rows as { data: string }[];
      const data = JSON.parse(rows[0]?.data ?? '{}') as {
        existing: (Omit<LiveBooking, 'hold_expires_at'> & { hold_expires_at: string | null })[];
        taken: [string, LocalDate, number][] | null;
      };
      return {
        existing: data.existing.map((b) => ({ ...b, hold_expires_at: b.hold_expires_at ? new Date(b.hold_expires_at) : null })),
        taken: data.taken ? placesMap(data.taken) : null,
      };
    },
  };
}

/** The columns a checkout writes of a new booking, with their types (for {@link unnestRows}). */
const BOOKING_COLUMNS = {
  collectivity_id: 'uuid',
  id: 'uuid',
  household_id: 'uuid',
  child_id: 'uuid',
  activity_id: 'uuid',
  date: 'date',
  status: 'text',
  price_cents: 'integer',
  payment_id: 'uuid',
  hold_expires_at: 'timestamptz',
  waitlisted_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const;

const PAYMENT_COLUMNS = {
  collectivity_id: 'uuid',
  id: 'uuid',
  household_id: 'uuid',
  provider: 'text',
  provider_ref: 'text',
  purpose: 'text',
  status: 'text',
  amount_cents: 'integer',
  expires_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const;

/**
 * Writes what a batch decided, in ONE statement: its payments, its bookings (which refer to
 * them) and the removal of its carts' lines.
 */
export function writeBatch(
  trx: Db,
  input: {
    collectivityId: string;
    /** The cart lines checked out (by key: a line added since stays in its cart). */
    lineIds: string[];
    payments: Insertable<PaymentsTable>[];
    bookings: Insertable<BookingsTable>[];
  },
): Statement<void> {
  const payments = unnestRows(input.payments, PAYMENT_COLUMNS);
  const bookings = unnestRows(input.bookings, BOOKING_COLUMNS);
  return statement(
    trx
      .with('paid', (db) => db.insertInto('payments').columns(payments.columns).expression(payments.select))
      .with('emptied', (db) =>
        db
          .deleteFrom('cart_lines')
          .where('collectivity_id', '=', input.collectivityId)
          .where(sql<boolean>`id = any(${input.lineIds}::uuid[])`),
      )
      .insertInto('bookings')
      .columns(bookings.columns)
      .expression(bookings.select)
      .compile(),
  );
}
