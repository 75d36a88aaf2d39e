import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import {
  type BookingRules,
  type DeadlineRule,
  type PricedHousehold,
  type Pricing,
  priceFor,
  priceOn,
  territoryOfZone,
} from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { loadSchoolCalendar } from '../school-calendar/store.js';

/** An activity's booking rules, with what the catalog and the calendar show of it. */
export interface ActivityRules extends BookingRules {
  serviceId: string;
  siteId: string;
  code: string;
  /** Where the activity is listed among its service's. */
  position: number;
}

/** A collectivity's activity rules as loaded at one moment, with a version that changes with them. */
export interface RulesSnapshot {
  rules: Map<string, ActivityRules>;
  /** A digest of the rows the rules come from: equal versions, equal rules. */
  version: string;
}

/**
 * Loads the rules of a collectivity's activities (all of them, or the given ids) with the
 * closures that apply to each: the collectivity's, the site's and the activity's own.
 */
export async function loadActivityRules(
  db: Db,
  collectivity: CollectivityContext,
  activityIds?: readonly string[],
): Promise<Map<string, ActivityRules>> {
  if (activityIds && activityIds.length === 0) return new Map();
  return (await loadRulesSnapshot(db, collectivity, activityIds)).rules;
}

/** Like `loadActivityRules`, with the version of what was read. */
export async function loadRulesSnapshot(
  db: Db,
  collectivity: CollectivityContext,
  activityIds?: readonly string[],
): Promise<RulesSnapshot> {
  let query = db
    .selectFrom('activities')
    .selectAll()
    .where('collectivity_id', '=', collectivity.id)
    .where('archived_at', 'is', null);
  if (activityIds) query = query.where('id', 'in', [...activityIds]);
  const rows = await query.orderBy('id').execute();
  const closures = await db
    .selectFrom('closures')
    .select(['site_id', 'activity_id', 'from_date', 'to_date', 'reason'])
    .where('collectivity_id', '=', collectivity.id)
    .orderBy('id')
    .execute();
  const schoolCalendar = await loadSchoolCalendar(db, collectivity.schoolHolidayZone);
  const version = createHash('sha1')
    .update(JSON.stringify([collectivity, rows, closures, schoolCalendar]))
    .digest('base64url');
  const deadlineContext = { timeZone: collectivity.timeZone, alsaceMoselle: collectivity.alsaceMoselle };
  const rules = new Map(
    rows.map((row) => {
      const own = closures
        .filter((c) => (c.activity_id === null || c.activity_id === row.id) && (c.site_id === null || c.site_id === row.site_id))
        .map((c) => ({ from: c.from_date, to: c.to_date, reason: c.reason }));
      const activity: ActivityRules = {
        id: row.id,
        serviceId: row.service_id,
        siteId: row.site_id,
        code: row.code,
        name: row.name,
        paymentMode: row.payment_mode,
        capacity: row.capacity,
        waitlist: row.waitlist,
        holdMinutes: row.hold_minutes,
        maxDaysPerChildPerSession: row.max_days_per_child_per_session,
        refundOnCancel: row.refund_on_cancel,
        opening: {
          weekdays: row.weekdays,
          schoolHolidays: row.school_holidays,
          sessions: row.sessions,
          season: { from: row.season_from, to: row.season_to },
        },
        openingContext: {
          schoolCalendar,
          alsaceMoselle: collectivity.alsaceMoselle,
          territory: territoryOfZone(collectivity.schoolHolidayZone),
          closures: own,
        },
        deadlineContext,
        bookingDeadline: row.booking_deadline as unknown as DeadlineRule,
        cancellationDeadline: row.cancellation_deadline as unknown as DeadlineRule,
        window: {
          ...(row.registration_opens_at ? { opensAt: new Date(row.registration_opens_at) } : {}),
          ...(row.registration_closes_at ? { closesAt: new Date(row.registration_closes_at) } : {}),
        },
        sessions: row.sessions,
        pricing: row.pricing as unknown as Pricing,
        position: row.position,
      };
      return [row.id, activity];
    }),
  );
  return { rules, version };
}

/** What a household pays for one day of an activity (on `date`, with the quotient in force then). */
export function dayPrice(rules: BookingRules, household: PricedHousehold, date?: string): number {
  return date === undefined ? priceFor(rules.pricing, household) : priceOn(rules.pricing, household, date);
}
