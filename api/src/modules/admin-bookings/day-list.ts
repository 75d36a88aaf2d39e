import type { adminBookings, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AgentRole } from '../../db/schema.js';
import { dayListView, MEAL_SERVICE_KIND, type SiteAccess } from '../../domain/index.js';
import { ApiError } from '../../lib/api-error.js';
import { requireActivitySite } from '../admin-agents/agent-sites.js';

type DayList = EndpointOutput<typeof adminBookings.getDayList>;
type DayListQuery = EndpointInput<typeof adminBookings.getDayList>['query'];

/**
 * Who is expected on a day, per activity: booked children, late cancellations and absences not
 * yet decided (so that an absence reported this morning shows), and payment holds still
 * running. It shows health data (allergies, and the care plan to the roles that need it; the
 * kitchen sees only the children eating: see `dayListView`), so the read is written to the audit log with the children it concerned,
 * in the same transaction as the read. An animator gets
 * only the activities of their sites (nothing without one), and 403 for another site's.
 */
export async function dayList(
  db: Db,
  scope: { collectivityId: string; accountId: string; role: AgentRole; sites: SiteAccess },
  query: DayListQuery,
  now: Date,
): Promise<DayList> {
  const { collectivityId, sites } = scope;
  const view = dayListView(scope.role);
  if (query.activity) await requireActivitySite(db, collectivityId, sites, query.activity);
  if (query.activity && view.mealsOnly) await requireMealActivity(db, collectivityId, query.activity);
  if (!sites.all && sites.siteIds.length === 0) return { date: query.date, entries: [] };
  return db.transaction().execute(async (trx) => {
    let select = trx
      .selectFrom('bookings as b')
      .innerJoin('children as ch', (j) =>
        j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'),
      )
      .innerJoin('activities as a', (j) =>
        j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
      )
      .select([
        'b.id',
        'b.status',
        'b.attendance',
        'b.absence_reason',
        'b.absence',
        'ch.id as child_id',
        'ch.first_name',
        'ch.last_name',
        'ch.allergies',
        'ch.care_plan',
        'a.id as activity_id',
        'a.code as activity_code',
        'a.name as activity_name',
      ])
      .where('b.collectivity_id', '=', collectivityId)
      .where('b.date', '=', query.date)
      .where((eb) =>
        eb.or([
          eb('b.status', 'in', ['booked', 'cancel_requested']),
          eb.and([eb('b.status', '=', 'pending_payment'), eb('b.hold_expires_at', '>', now)]),
        ]),
      );
    if (query.activity) select = select.where('b.activity_id', '=', query.activity);
    if (view.mealsOnly) {
      select = select.where('a.service_id', 'in', (eb) =>
        eb
          .selectFrom('services')
          .select('id')
          .where('collectivity_id', '=', collectivityId)
          .where('kind', '=', MEAL_SERVICE_KIND),
      );
    }
    if (!sites.all) select = select.where('a.site_id', 'in', sites.siteIds);
    const rows = await select
      .orderBy('a.position')
      .orderBy('a.name')
      .orderBy('ch.last_name')
      .orderBy('ch.first_name')
      .orderBy('b.id')
      .execute();
    const childIds = [...new Set(rows.map((row) => row.child_id))];
    if (childIds.length > 0) {
      await trx
        .insertInto('audit_log')
        .values({
          collectivity_id: collectivityId,
          actor_account_id: scope.accountId,
          at: now,
          action: 'health.read',
          object_type: 'day_list',
          object_id: query.date,
          details: JSON.stringify({ childIds, date: query.date, activityId: query.activity ?? null }),
        })
        .execute();
    }
    return {
      date: query.date,
      entries: rows.map((row) => ({
        bookingId: row.id,
        child: { id: row.child_id, firstName: row.first_name, lastName: row.last_name },
        activity: { id: row.activity_id, code: row.activity_code, name: row.activity_name },
        status: row.status,
        attendance: row.attendance,
        absenceReason: row.absence_reason,
        absence: row.absence,
        allergies: row.allergies,
        carePlan: view.carePlan ? row.care_plan : null,
      })),
    };
  });
}

/** Refuses (403) the kitchen a day list of an activity that is not a meal. */
async function requireMealActivity(db: Db, collectivityId: string, activityId: string): Promise<void> {
  const meal = await db
    .selectFrom('activities as a')
    .innerJoin('services as sv', (j) =>
      j.onRef('sv.collectivity_id', '=', 'a.collectivity_id').onRef('sv.id', '=', 'a.service_id'),
    )
    .select('sv.kind')
    .where('a.collectivity_id', '=', collectivityId)
    .where('a.id', '=', activityId)
    .executeTakeFirst();
  if (meal?.kind !== MEAL_SERVICE_KIND) {
    throw new ApiError(403, 'forbidden', {
      fr: 'La cuisine voit la liste des repas seulement.',
      en: 'The kitchen sees the list of meals only.',
    });
  }
}
