import type { Db } from '../../db/database.js';
import type { LocalDate } from '../../domain/index.js';

/** How many rows one read brings: large enough for few round trips, small enough to stay light. */
export const EXPORT_BATCH_ROWS = 2000;

/** The keyset of the booking exports: rows come by day, then booking id (index `bookings_export`). */
export interface BookingKey {
  date: string;
  id: string;
}

/**
 * One batch of the period's bookings with their child, household, activity and site, after
 * `after` in (day, id) order. Nothing of the child's health is read: exports never carry it.
 * `attendanceOnly` keeps the days a child was expected or came (booked, late cancellation to
 * decide, walk-in, or marked at the roll call).
 */
export async function bookingRows(
  db: Db,
  collectivityId: string,
  period: { from: LocalDate; to: LocalDate; attendanceOnly: boolean },
  after: BookingKey | undefined,
) {
  let query = db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'b.collectivity_id').onRef('h.id', '=', 'b.household_id'),
    )
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .innerJoin('sites as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.site_id'))
    .select([
      'b.id',
      'b.date',
      'b.status',
      'b.price_cents',
      'b.attendance',
      'b.attendance_recorded_at',
      'b.walk_in',
      'b.created_at',
      'b.updated_at',
      'ch.first_name',
      'ch.last_name',
      'h.name as household_name',
      'a.code as activity_code',
      'a.name as activity_name',
      's.name as site_name',
    ])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.date', '>=', period.from)
    .where('b.date', '<=', period.to);
  if (period.attendanceOnly) {
    query = query.where((eb) =>
      eb.or([eb('b.status', 'in', ['booked', 'cancel_requested']), eb('b.attendance', 'is not', null)]),
    );
  }
  if (after) query = query.where((eb) => eb(eb.refTuple('b.date', 'b.id'), '>', eb.tuple(after.date, after.id)));
  return query.orderBy('b.date').orderBy('b.id').limit(EXPORT_BATCH_ROWS).execute();
}

export type BookingRow = Awaited<ReturnType<typeof bookingRows>>[number];
