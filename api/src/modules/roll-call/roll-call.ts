import type { adminRollCall, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AgentRole } from '../../db/schema.js';
import { rollCallShowsHealth, type SiteAccess, seesSite } from '../../domain/index.js';
import { notFound } from '../../lib/api-error.js';
import { notOneOfYourSites } from '../admin-agents/agent-sites.js';

type RollCall = EndpointOutput<typeof adminRollCall.getRollCall>;
type RollCallQuery = EndpointInput<typeof adminRollCall.getRollCall>['query'];
type Activities = EndpointOutput<typeof adminRollCall.listRollCallActivities>;

/** The activities a roll call can be taken for (not archived) on the sites seen, by site then position. */
export async function rollCallActivities(db: Db, collectivityId: string, sites: SiteAccess): Promise<Activities> {
  if (!sites.all && sites.siteIds.length === 0) return { activities: [] };
  let query = db
    .selectFrom('activities as a')
    .innerJoin('sites as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.site_id'))
    .select(['a.id', 'a.code', 'a.name', 'a.walk_in_surcharge_cents', 's.id as site_id', 's.name as site_name'])
    .where('a.collectivity_id', '=', collectivityId)
    .where('a.archived_at', 'is', null)
    .where('s.archived_at', 'is', null);
  if (!sites.all) query = query.where('s.id', 'in', sites.siteIds);
  const rows = await query.orderBy('s.name').orderBy('a.position').orderBy('a.name').execute();
  return {
    activities: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      site: { id: r.site_id, name: r.site_name },
      walkInSurchargeCents: r.walk_in_surcharge_cents,
    })),
  };
}

/**
 * The roll call of an activity on a day: the children expected (booked, holds still running,
 * absences reported late and not decided yet) and those added as walk-ins, each with the day's
 * mark and its version; and the enrolled children not booked, who may be added. Allergies and
 * care plans go only to the roles that see health data, and such a read is written to the
 * audit log with the children it concerned, in the same transaction. An activity of a site
 * the caller does not see answers 403.
 */
export async function rollCall(
  db: Db,
  scope: { collectivityId: string; accountId: string; role: AgentRole; sites: SiteAccess },
  query: RollCallQuery,
  now: Date,
): Promise<RollCall> {
  const { collectivityId } = scope;
  const healthVisible = rollCallShowsHealth(scope.role);
  return db.transaction().execute(async (trx) => {
    const activity = await trx
      .selectFrom('activities as a')
      .innerJoin('sites as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.site_id'))
      .select(['a.id', 'a.code', 'a.name', 'a.walk_in_surcharge_cents', 's.id as site_id', 's.name as site_name'])
      .where('a.collectivity_id', '=', collectivityId)
      .where('a.id', '=', query.activity)
      .executeTakeFirst();
    if (!activity) throw notFound('activity');
    if (!seesSite(scope.sites, activity.site_id)) throw notOneOfYourSites();

    const rows = await trx
      .selectFrom('bookings as b')
      .innerJoin('children as ch', (j) =>
        j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'),
      )
      .leftJoin('accounts as acc', 'acc.id', 'b.attendance_recorded_by')
      .select([
        'b.id',
        'b.status',
        'b.walk_in',
        'b.attendance',
        'b.attendance_version',
        'b.attendance_recorded_at',
        'b.absence_reason',
        'acc.display_name as recorded_by',
        'acc.email as recorded_by_email',
        'ch.id as child_id',
        'ch.first_name',
        'ch.last_name',
        'ch.allergies',
        'ch.care_plan',
      ])
      .where('b.collectivity_id', '=', collectivityId)
      .where('b.activity_id', '=', query.activity)
      .where('b.date', '=', query.date)
      .where((eb) =>
        eb.or([
          eb('b.status', 'in', ['booked', 'cancel_requested']),
          eb.and([eb('b.status', '=', 'pending_payment'), eb('b.hold_expires_at', '>', now)]),
        ]),
      )
      .orderBy('ch.last_name')
      .orderBy('ch.first_name')
      .orderBy('b.id')
      .execute();

    const expected = new Set(rows.map((r) => r.child_id));
    const enrolled = await trx
      .selectFrom('enrolments as e')
      .innerJoin('children as ch', (j) =>
        j.onRef('ch.collectivity_id', '=', 'e.collectivity_id').onRef('ch.id', '=', 'e.child_id'),
      )
      .select(['ch.id', 'ch.first_name', 'ch.last_name'])
      .distinct()
      .where('e.collectivity_id', '=', collectivityId)
      .where('e.activity_id', '=', query.activity)
      .where('e.from_date', '<=', query.date)
      .where('e.to_date', '>=', query.date)
      .orderBy('ch.last_name')
      .orderBy('ch.first_name')
      .execute();

    if (healthVisible && rows.length > 0) {
      await trx
        .insertInto('audit_log')
        .values({
          collectivity_id: collectivityId,
          actor_account_id: scope.accountId,
          at: now,
          action: 'health.read',
          object_type: 'roll_call',
          object_id: query.date,
          details: JSON.stringify({ childIds: [...expected], date: query.date, activityId: query.activity }),
        })
        .execute();
    }

    return {
      date: query.date,
      activity: {
        id: activity.id,
        code: activity.code,
        name: activity.name,
        site: { id: activity.site_id, name: activity.site_name },
        walkInSurchargeCents: activity.walk_in_surcharge_cents,
      },
      healthVisible,
      children: rows.map((r) => ({
        child: { id: r.child_id, firstName: r.first_name, lastName: r.last_name },
        bookingId: r.id,
        status: r.status,
        walkIn: r.walk_in,
        attendance: r.attendance,
        version: r.attendance_version,
        recordedAt: r.attendance_recorded_at ? new Date(r.attendance_recorded_at).toISOString() : null,
        recordedBy: r.recorded_by || r.recorded_by_email || null,
        absenceReason: r.absence_reason,
        allergies: healthVisible ? r.allergies : null,
        carePlan: healthVisible ? r.care_plan : null,
      })),
      enrolled: enrolled
        .filter((e) => !expected.has(e.id))
        .map((e) => ({ id: e.id, firstName: e.first_name, lastName: e.last_name })),
    };
  });
}
