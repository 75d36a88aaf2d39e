import type { adminKitchen, EndpointOutput } from '@foyer/sdk/contract';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import {
  addDays,
  countFinalAt,
  type DeadlineRule,
  type LocalDate,
  MEAL_SERVICE_KIND,
  type MealCount,
  tallyMeals,
} from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';

type MealCounts = EndpointOutput<typeof adminKitchen.getMealCounts>;
type DaySheet = EndpointOutput<typeof adminKitchen.getDaySheet>;
type MealDay = MealCounts['sites'][number]['days'][number];

/** Meals are the bookings of the canteen services' activities. */

/** The canteen activities, with their site and deadlines: what the counts are made of. */
async function canteenActivities(db: Db, collectivityId: string) {
  return db
    .selectFrom('activities as a')
    .innerJoin('services as sv', (j) =>
      j.onRef('sv.collectivity_id', '=', 'a.collectivity_id').onRef('sv.id', '=', 'a.service_id'),
    )
    .innerJoin('sites as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.site_id'))
    .select(['a.id', 'a.booking_deadline', 'a.cancellation_deadline', 's.id as site_id', 's.name as site_name'])
    .where('a.collectivity_id', '=', collectivityId)
    .where('sv.kind', '=', MEAL_SERVICE_KIND)
    .where('a.archived_at', 'is', null)
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
}

/**
 * The meals expected from `from` to `to`: booked days, late absences (reported past the
 * deadline: the meal is still ordered) and payment holds still running; days cancelled in time
 * are not there. One row per meal, with the site and the child's diet group.
 */
async function expectedMeals(db: Db, collectivityId: string, activityIds: string[], from: LocalDate, to: LocalDate, now: Date) {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select(['b.date', 'a.site_id', 'ch.id as child_id', 'ch.first_name', 'ch.last_name', 'ch.diet_group_id', 'ch.allergies'])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.activity_id', 'in', activityIds)
    .where('b.date', '>=', from)
    .where('b.date', '<=', to)
    .where((eb) => mealExpected(eb, now))
    .orderBy('ch.last_name')
    .orderBy('ch.first_name')
    .execute();
}

/**
 * Whether a booking `b` is a meal the kitchen cooks: booked, a late absence (reported past the
 * deadline, the meal is still ordered) or a payment hold still running at `now`. The meal
 * counts and their export both ask it.
 */
export function mealExpected(eb: ExpressionBuilder<BookingAlias, 'b'>, now: Date) {
  return eb.or([
    eb('b.status', 'in', ['booked', 'cancel_requested']),
    eb.and([eb('b.status', '=', 'pending_payment'), eb('b.hold_expires_at', '>', now)]),
  ]);
}
type BookingAlias = { b: Database['bookings'] };

export async function dietGroups(db: Db, collectivityId: string) {
  return db
    .selectFrom('diet_groups')
    .select(['id', 'name'])
    .where('collectivity_id', '=', collectivityId)
    .orderBy('position')
    .orderBy('name')
    .execute();
}

function mealDay(
  date: LocalDate,
  count: MealCount | undefined,
  rules: DeadlineRule[],
  collectivity: CollectivityContext,
  now: Date,
): MealDay {
  const finalAt = countFinalAt(date, rules, { timeZone: collectivity.timeZone, alsaceMoselle: collectivity.alsaceMoselle });
  return {
    date,
    total: count?.total ?? 0,
    byGroup: [...(count?.byGroup ?? new Map<string | null, number>())].map(([dietGroupId, n]) => ({ dietGroupId, count: n })),
    finalAt: finalAt.toISOString(),
    final: finalAt <= now,
  };
}

/** The sites serving meals, each with its activities' deadline rules. */
function sitesOf(activities: Awaited<ReturnType<typeof canteenActivities>>) {
  const sites = new Map<string, { id: string; name: string; rules: DeadlineRule[] }>();
  for (const a of activities) {
    const site = sites.get(a.site_id) ?? { id: a.site_id, name: a.site_name, rules: [] };
    site.rules.push(a.booking_deadline as unknown as DeadlineRule, a.cancellation_deadline as unknown as DeadlineRule);
    sites.set(a.site_id, site);
  }
  return [...sites.values()];
}

/** Meals per site and day for `days` days from `from`, by diet group, with when each count is final. */
export async function mealCounts(
  db: Db,
  collectivity: CollectivityContext,
  query: { from: LocalDate; days: number },
  now: Date,
): Promise<MealCounts> {
  const to = addDays(query.from, query.days - 1);
  const activities = await canteenActivities(db, collectivity.id);
  const meals = await expectedMeals(
    db,
    collectivity.id,
    activities.map((a) => a.id),
    query.from,
    to,
    now,
  );
  const counts = new Map(
    tallyMeals(meals.map((m) => ({ siteId: m.site_id, date: m.date, dietGroupId: m.diet_group_id }))).map((c) => [
      `${c.siteId}|${c.date}`,
      c,
    ]),
  );
  const dates = Array.from({ length: query.days }, (_, i) => addDays(query.from, i));
  return {
    from: query.from,
    to,
    dietGroups: await dietGroups(db, collectivity.id),
    sites: sitesOf(activities).map((site) => ({
      id: site.id,
      name: site.name,
      days: dates.map((date) => mealDay(date, counts.get(`${site.id}|${date}`), site.rules, collectivity, now)),
    })),
  };
}

/**
 * A day's sheet: each site's counts and the children whose meal is particular (a diet group or
 * allergies). Allergies are health data: the read is written to the audit log.
 */
export async function daySheet(
  db: Db,
  collectivity: CollectivityContext,
  accountId: string,
  date: LocalDate,
  now: Date,
): Promise<DaySheet> {
  return db.transaction().execute(async (trx) => {
    const activities = await canteenActivities(trx, collectivity.id);
    const meals = await expectedMeals(
      trx,
      collectivity.id,
      activities.map((a) => a.id),
      date,
      date,
      now,
    );
    const counts = new Map(
      tallyMeals(meals.map((m) => ({ siteId: m.site_id, date: m.date, dietGroupId: m.diet_group_id }))).map((c) => [c.siteId, c]),
    );
    const particular = meals.filter((m) => m.diet_group_id !== null || m.allergies.length > 0);
    if (particular.length > 0) {
      await trx
        .insertInto('audit_log')
        .values({
          collectivity_id: collectivity.id,
          actor_account_id: accountId,
          at: now,
          action: 'health.read',
          object_type: 'kitchen_day_sheet',
          object_id: date,
          details: JSON.stringify({ childIds: [...new Set(particular.map((m) => m.child_id))], date }),
        })
        .execute();
    }
    return {
      date,
      dietGroups: await dietGroups(trx, collectivity.id),
      sites: sitesOf(activities).map((site) => ({
        id: site.id,
        name: site.name,
        day: mealDay(date, counts.get(site.id), site.rules, collectivity, now),
        particular: particular
          .filter((m) => m.site_id === site.id)
          .map((m) => ({
            child: { id: m.child_id, firstName: m.first_name, lastName: m.last_name },
            dietGroupId: m.diet_group_id,
            allergies: m.allergies,
          })),
      })),
    };
  });
}
