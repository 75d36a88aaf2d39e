import type { Db } from '../../db/database.js';
import type { LocalDate } from '../../domain/index.js';

/**
 * A day's bookings with their child, household, activity and site, by site, activity and
 * name. Exports read a period one day at a time: the database finds a day's rows through the
 * `bookings_export` index and reads their pages in storage order (a bitmap scan), where a
 * keyset over the whole period would fetch the pages one row at a time, ten times slower on
 * a school year. One day of a large town is a few tens of thousands of rows: the most an
 * export holds in memory. Nothing of the child's health is read: exports never carry it.
 * `attendanceOnly` keeps the days a child was expected or came (booked, late cancellation to
 * decide, walk-in, or marked at the roll call).
 */
export async function bookingRowsOfDay(db: Db, collectivityId: string, date: LocalDate, attendanceOnly: boolean) {
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
    .where('b.date', '=', date);
  if (attendanceOnly) {
    query = query.where((eb) =>
      eb.or([eb('b.status', 'in', ['booked', 'cancel_requested']), eb('b.attendance', 'is not', null)]),
    );
  }
  return query
    .orderBy('s.name')
    .orderBy('a.position')
    .orderBy('a.name')
    .orderBy('ch.last_name')
    .orderBy('ch.first_name')
    .orderBy('b.id')
    .execute();
}

export type BookingRow = Awaited<ReturnType<typeof bookingRowsOfDay>>[number];
