import type { adminBookings, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AgentRole } from '../../db/schema.js';
import { dayListHealth, type SiteAccess } from '../../domain/index.js';
import { requireActivitySite } from '../admin-agents/agent-sites.js';

type DayList = EndpointOutput<typeof adminBookings.getDayList>;
type DayListQuery = EndpointInput<typeof adminBookings.getDayList>['query'];

/**
 * Who is expected on a day, per activity: booked children, late cancellations and absences not
 * yet decided (so that an absence reported this morning shows), and payment holds still
 * running. It shows health data (allergies, and the care plan to the roles that need it: see
 * `dayListHealth`), so the read is written to the audit log with the children it concerned,
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
  const health = dayListHealth(scope.role);
  if (query.activity) await requireActivitySite(db, collectivityId, sites, query.activity);
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
        carePlan: health.carePlan ? row.care_plan : null,
      })),
    };
  });
}
