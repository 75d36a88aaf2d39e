import type { catalog } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { type LocalDate, localDateOf } from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { type ActivityRules, dayPrice, loadActivityRules } from '../bookings/activity-rules.js';

const byName = new Intl.Collator('fr').compare;

function activityOf(rules: ActivityRules, priceCents: number): catalog.Activity {
  return {
    id: rules.id,
    code: rules.code,
    name: rules.name,
    weekdays: rules.opening.weekdays,
    paymentMode: rules.paymentMode,
    capacity: rules.capacity,
    waitlist: rules.waitlist,
    bookingDeadline: rules.bookingDeadline,
    cancellationDeadline: rules.cancellationDeadline,
    registrationOpensAt: rules.window.opensAt?.toISOString() ?? null,
    registrationClosesAt: rules.window.closesAt?.toISOString() ?? null,
    sessions: rules.sessions,
    maxDaysPerChildPerSession: rules.maxDaysPerChildPerSession,
    priceCents,
  };
}

/**
 * The services a household can use: those of the activities its children are enrolled in for
 * today or later, grouped by service then site, with each activity's rules and the price of a
 * day for this household (its family quotient and residence).
 */
export async function householdServices(
  db: Db,
  collectivity: CollectivityContext,
  householdId: string,
  now: Date,
): Promise<catalog.Service[]> {
  const cid = collectivity.id;
  const today: LocalDate = localDateOf(now, collectivity.timeZone);
  const household = await db
    .selectFrom('households')
    .select(['family_quotient', 'resident'])
    .where('collectivity_id', '=', cid)
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const enrolled = await db
    .selectFrom('enrolments as e')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'e.collectivity_id').onRef('ch.id', '=', 'e.child_id'))
    .select('e.activity_id')
    .distinct()
    .where('e.collectivity_id', '=', cid)
    .where('ch.household_id', '=', householdId)
    .where('e.ended_at', 'is', null)
    .where('e.to_date', '>=', today)
    .execute();
  const rules = await loadActivityRules(
    db,
    collectivity,
    enrolled.map((e) => e.activity_id),
  );
  if (rules.size === 0) return [];
  const places = await db
    .selectFrom('activities as a')
    .innerJoin('services as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.service_id'))
    .innerJoin('sites as t', (j) => j.onRef('t.collectivity_id', '=', 'a.collectivity_id').onRef('t.id', '=', 'a.site_id'))
    .select([
      'a.id',
      'a.position',
      's.id as service_id',
      's.name as service_name',
      's.kind',
      's.position as service_position',
      't.name as site_name',
    ])
    .where('a.collectivity_id', '=', cid)
    .where('a.id', 'in', [...rules.keys()])
    .where('s.archived_at', 'is', null)
    .where('t.archived_at', 'is', null)
    .execute();

  places.sort(
    (a, b) =>
      a.service_position - b.service_position ||
      byName(a.service_name, b.service_name) ||
      byName(a.site_name, b.site_name) ||
      a.position - b.position,
  );
  const pricing = { familyQuotient: household.family_quotient, resident: household.resident };
  const services = new Map<string, catalog.Service>();
  for (const place of places) {
    const activity = rules.get(place.id);
    if (!activity) continue;
    let service = services.get(place.service_id);
    if (!service) {
      service = { id: place.service_id, name: place.service_name, kind: place.kind, sites: [] };
      services.set(place.service_id, service);
    }
    let site = service.sites.find((s) => s.id === activity.siteId);
    if (!site) {
      site = { id: activity.siteId, name: place.site_name, activities: [] };
      service.sites.push(site);
    }
    site.activities.push(activityOf(activity, dayPrice(activity, pricing)));
  }
  return [...services.values()];
}
