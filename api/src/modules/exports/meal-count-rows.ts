import type { Db } from '../../db/database.js';
import { addDaysCapped, epochDayOf, fromEpochDay, type LocalDate } from '../../domain/index.js';
import { mealExpected } from '../kitchen/meal-counts.js';

/** Days counted per read: a month of aggregates is a few thousand rows at most. */
export const MEAL_DAYS_PER_READ = 31;

/**
 * Meals per day, site and diet group from `from` to `to`, counted by the database (the rows
 * never come to the process one by one), as the kitchen's counts count them at `now`.
 */
export async function mealCountRows(db: Db, collectivityId: string, from: LocalDate, to: LocalDate, now: Date) {
  return db
    .selectFrom('bookings as b')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .innerJoin('services as sv', (j) =>
      j.onRef('sv.collectivity_id', '=', 'a.collectivity_id').onRef('sv.id', '=', 'a.service_id'),
    )
    .innerJoin('sites as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.site_id'))
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .select((eb) => [
      'b.date',
      's.id as site_id',
      's.name as site_name',
      'ch.diet_group_id',
      eb.fn.countAll<string>().as('meals'),
    ])
    .where('b.collectivity_id', '=', collectivityId)
    .where('sv.kind', '=', 'canteen')
    .where('a.archived_at', 'is', null)
    .where('b.date', '>=', from)
    .where('b.date', '<=', to)
    .where((eb) => mealExpected(eb, now))
    .groupBy(['b.date', 's.id', 's.name', 'ch.diet_group_id'])
    .orderBy('b.date')
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
}

/** The period cut in reads of `MEAL_DAYS_PER_READ` days. */
export function* mealReadWindows(from: LocalDate, to: LocalDate): Generator<{ from: LocalDate; to: LocalDate }> {
  // Stepped by epoch day: a window after 9999-12-31 is never written, only compared.
  for (let start = epochDayOf(from); start <= epochDayOf(to); start += MEAL_DAYS_PER_READ) {
    const end = addDaysCapped(fromEpochDay(start), MEAL_DAYS_PER_READ - 1);
    yield { from: fromEpochDay(start), to: end < to ? end : to };
  }
}
