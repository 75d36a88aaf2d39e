import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  type Attendance,
  type BillableBooking,
  type BilledActivity,
  type BookingStatus,
  monthRange,
  type PricedHousehold,
  type Pricing,
  pricingProblems,
} from '../../domain/index.js';

/**
 * Loads a month of postpaid bookings for the billing run, a batch of households at a time, so
 * that a town of 30,000 children never holds its whole month in memory.
 */

/** A postpaid activity with the name its lines and anomalies show. */
export interface MonthActivity extends BilledActivity {
  name: string;
}

/** One household's month, ready for `draftHouseholdInvoice`. */
export interface HouseholdMonth {
  id: string;
  name: string;
  priced: PricedHousehold;
  bookings: BillableBooking[];
  children: Map<string, { firstName: string; lastName: string }>;
}

/** Households per batch: a few thousand bookings each, one query per kind of row. */
export const HOUSEHOLD_BATCH = 1000;

/** The collectivity's postpaid activities (archived ones too: their past days are still due). */
export async function postpaidActivities(db: Db, collectivityId: string): Promise<Map<string, MonthActivity>> {
  const rows = await db
    .selectFrom('activities')
    .select(['id', 'name', 'pricing', 'walk_in_surcharge_cents'])
    .where('collectivity_id', '=', collectivityId)
    .where('payment_mode', '=', 'postpaid')
    .execute();
  return new Map(
    rows.map((row) => {
      const pricing = { currency: 'EUR', ...(row.pricing as object) } as Pricing;
      const usable = Array.isArray(pricing.tiers) && pricingProblems(pricing).length === 0;
      return [
        row.id,
        { id: row.id, name: row.name, pricing: usable ? pricing : null, walkInSurchargeCents: row.walk_in_surcharge_cents },
      ];
    }),
  );
}

/**
 * The month's households with postpaid bookings, `HOUSEHOLD_BATCH` at a time, in the order
 * their invoices are numbered (name, then id).
 */
export async function* householdMonths(
  db: Db,
  collectivityId: string,
  month: string,
  activityIds: readonly string[],
): AsyncGenerator<HouseholdMonth[]> {
  if (activityIds.length === 0) return;
  const { from, to } = monthRange(month);
  const households = await db
    .selectFrom('households as h')
    .select(['h.id', 'h.name', 'h.resident', 'h.family_quotient'])
    .where('h.collectivity_id', '=', collectivityId)
    // One pass over the month's bookings (by the activity-day index), not a probe per household.
    .where('h.id', 'in', (eb) =>
      eb
        .selectFrom('bookings as b')
        .select('b.household_id')
        .where('b.collectivity_id', '=', collectivityId)
        .where(sql<boolean>`b.activity_id = any(${[...activityIds]}::uuid[])`)
        .where('b.date', '>=', from)
        .where('b.date', '<=', to),
    )
    .orderBy('h.name')
    .orderBy('h.id')
    .execute();
  for (let start = 0; start < households.length; start += HOUSEHOLD_BATCH) {
    const batch = households.slice(start, start + HOUSEHOLD_BATCH);
    yield loadBatch(db, collectivityId, { from, to }, activityIds, batch);
  }
}

async function loadBatch(
  db: Db,
  collectivityId: string,
  range: { from: string; to: string },
  activityIds: readonly string[],
  households: { id: string; name: string; resident: boolean; family_quotient: number | null }[],
): Promise<HouseholdMonth[]> {
  const ids = households.map((h) => h.id);
  const [quotients, bookings] = await Promise.all([
    db
      .selectFrom('family_quotients')
      .select(['household_id', 'quotient', 'applies_from'])
      .where('collectivity_id', '=', collectivityId)
      .where(sql<boolean>`household_id = any(${ids}::uuid[])`)
      .execute(),
    db
      .selectFrom('bookings as b')
      .innerJoin('children as ch', (j) =>
        j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'),
      )
      .select([
        'b.id',
        'b.household_id',
        'b.child_id',
        'b.activity_id',
        'b.date',
        'b.status',
        'b.attendance',
        'b.walk_in',
        'b.decided_by',
        'ch.first_name',
        'ch.last_name',
      ])
      .where('b.collectivity_id', '=', collectivityId)
      // By the batch's children: bookings are indexed by child and day, not by household.
      .where('b.child_id', 'in', (eb) =>
        eb
          .selectFrom('children')
          .select('id')
          .where('collectivity_id', '=', collectivityId)
          .where(sql<boolean>`household_id = any(${ids}::uuid[])`),
      )
      .where(sql<boolean>`b.activity_id = any(${[...activityIds]}::uuid[])`)
      .where('b.date', '>=', range.from)
      .where('b.date', '<=', range.to)
      .execute(),
  ]);
  const months = new Map<string, HouseholdMonth>(
    households.map((h) => [
      h.id,
      {
        id: h.id,
        name: h.name,
        priced: { familyQuotient: h.family_quotient, resident: h.resident, quotients: [] },
        bookings: [],
        children: new Map(),
      },
    ]),
  );
  for (const q of quotients) {
    (months.get(q.household_id)?.priced.quotients as { quotient: number; appliesFrom: string }[] | undefined)?.push({
      quotient: q.quotient,
      appliesFrom: q.applies_from,
    });
  }
  for (const b of bookings) {
    const month = months.get(b.household_id);
    if (!month) continue;
    month.children.set(b.child_id, { firstName: b.first_name, lastName: b.last_name });
    month.bookings.push({
      bookingId: b.id,
      childId: b.child_id,
      activityId: b.activity_id,
      date: b.date,
      status: b.status as BookingStatus,
      attendance: b.attendance as Attendance | null,
      walkIn: b.walk_in,
      // Only an agent's decision on a late cancellation sets it (accepted or refused).
      lateCancellationDecided: b.decided_by !== null,
    });
  }
  return [...months.values()];
}
