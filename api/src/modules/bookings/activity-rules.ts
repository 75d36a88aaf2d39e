import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ActivitiesTable } from '../../db/schema.js';
import {
  type BookingDecision,
  bookingAllowed,
  type CancellationDecision,
  cancellationAllowed,
  type DeadlineContext,
  type DeadlineRule,
  type LocalDate,
  type OpeningContext,
  type OpeningDay,
  type OpeningRule,
  openingDay,
  type Pricing,
  priceFor,
  publicHolidayOn,
  type RegistrationWindow,
  schoolHolidayOn,
  territoryOfZone,
} from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { loadSchoolCalendar } from '../school-calendar/store.js';

/** Everything the rules need to judge one day of one activity, loaded once per request. */
export interface ActivityRules {
  id: string;
  serviceId: string;
  siteId: string;
  code: string;
  name: string;
  paymentMode: 'prepaid' | 'postpaid';
  capacity: number | null;
  waitlist: boolean;
  holdMinutes: number;
  maxDaysPerChildPerSession: number | null;
  refundOnCancel: boolean;
  opening: OpeningRule;
  openingContext: OpeningContext;
  deadlineContext: DeadlineContext;
  bookingDeadline: DeadlineRule;
  cancellationDeadline: DeadlineRule;
  window: RegistrationWindow;
  sessions: { from: LocalDate; to: LocalDate; name: string; opensAt?: string }[];
  pricing: Pricing;
  row: Selectable<ActivitiesTable>;
}

/** The state of one day of one activity at an instant, by the collectivity's rules. */
export interface DayJudgement {
  opening: OpeningDay;
  /** A closure's reason, a public or school holiday's name. */
  label: string | null;
  booking: BookingDecision;
  cancellation: CancellationDecision;
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
        row,
      };
      return [row.id, activity];
    }),
  );
  return { rules, version };
}

/** The session a date falls in, if the activity has sessions. */
export function sessionOf(rules: ActivityRules, date: LocalDate): ActivityRules['sessions'][number] | undefined {
  return rules.sessions.find((s) => s.from <= date && date <= s.to);
}

/** The registration window of a date: its session's opening if it has one, else the activity's. */
function windowFor(rules: ActivityRules, date: LocalDate): RegistrationWindow {
  const opensAt = sessionOf(rules, date)?.opensAt;
  return opensAt ? { ...rules.window, opensAt: new Date(opensAt) } : rules.window;
}

function labelOf(rules: ActivityRules, date: LocalDate, opening: OpeningDay): string | null {
  if (opening.open) return null;
  switch (opening.reason) {
    case 'closure':
      return rules.openingContext.closures.find((c) => c.from <= date && date <= c.to)?.reason ?? null;
    case 'public_holiday':
      return publicHolidayOn(date, {
        alsaceMoselle: rules.openingContext.alsaceMoselle,
        territory: rules.openingContext.territory,
      });
    case 'school_holiday':
      return schoolHolidayOn(date, rules.openingContext.schoolCalendar)?.name ?? null;
    default:
      return null;
  }
}

/** Judges a day: open or closed (and why), can it be booked or cancelled now, until when. */
export function judgeDay(rules: ActivityRules, date: LocalDate, now: Date): DayJudgement {
  const opening = openingDay(date, rules.opening, rules.openingContext);
  return {
    opening,
    label: labelOf(rules, date, opening),
    booking: bookingAllowed(now, date, rules.bookingDeadline, windowFor(rules, date), rules.deadlineContext),
    cancellation: cancellationAllowed(now, date, rules.cancellationDeadline, rules.deadlineContext),
  };
}

/** What a household pays for one day of an activity. */
export function dayPrice(rules: ActivityRules, household: { familyQuotient: number | null; resident: boolean }): number {
  return priceFor(rules.pricing, household);
}
