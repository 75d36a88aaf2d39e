import type { calendar } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { LocalDate } from '../../domain/index.js';
import { notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { loadActivityRules } from '../bookings/activity-rules.js';
import { placesTaken } from '../bookings/capacity.js';
import { calendarCells } from './calendar-cells.js';

export interface CalendarRequest {
  householdId: string;
  childId: string;
  from: LocalDate;
  to: LocalDate;
  /** Only the activities of this service. */
  serviceId?: string | undefined;
  now: Date;
}

/**
 * A child's calendar over a range. The number of queries does not depend on the range: the
 * child, the enrolments, the rules, the bookings, the places taken and the cart lines are each
 * read once, then `calendarCells` works in memory. 404 when the child is not the household's.
 */
export async function childCalendar(
  db: Db,
  collectivity: CollectivityContext,
  request: CalendarRequest,
): Promise<calendar.Calendar> {
  const cid = collectivity.id;
  const { from, to, now } = request;
  const child = await db
    .selectFrom('children as ch')
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'ch.collectivity_id').onRef('h.id', '=', 'ch.household_id'),
    )
    .select(['ch.id', 'ch.first_name', 'ch.last_name', 'h.family_quotient', 'h.resident'])
    .where('ch.collectivity_id', '=', cid)
    .where('ch.household_id', '=', request.householdId)
    .where('ch.id', '=', request.childId)
    .executeTakeFirstOrThrow(() => notFound('child'));

  let enrolmentQuery = db
    .selectFrom('enrolments as e')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'e.collectivity_id').onRef('a.id', '=', 'e.activity_id'),
    )
    .innerJoin('services as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.service_id'))
    .innerJoin('sites as t', (j) => j.onRef('t.collectivity_id', '=', 'a.collectivity_id').onRef('t.id', '=', 'a.site_id'))
    .select([
      'e.activity_id',
      'e.from_date',
      'e.to_date',
      's.id as service_id',
      's.name as service_name',
      't.id as site_id',
      't.name as site_name',
    ])
    .where('e.collectivity_id', '=', cid)
    .where('e.child_id', '=', child.id)
    .where('e.ended_at', 'is', null)
    .where('e.from_date', '<=', to)
    .where('e.to_date', '>=', from)
    .orderBy('s.position')
    .orderBy('a.position')
    .orderBy('a.name');
  if (request.serviceId) enrolmentQuery = enrolmentQuery.where('a.service_id', '=', request.serviceId);

  const [enrolments, bookings, cartLines] = await Promise.all([
    enrolmentQuery.execute(),
    db
      .selectFrom('bookings')
      .select(['id', 'activity_id', 'date', 'status', 'price_cents', 'hold_expires_at', 'attendance', 'updated_at'])
      .where('collectivity_id', '=', cid)
      .where('child_id', '=', child.id)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
    db
      .selectFrom('cart_lines as l')
      .innerJoin('carts as k', (j) => j.onRef('k.collectivity_id', '=', 'l.collectivity_id').onRef('k.id', '=', 'l.cart_id'))
      .select(['l.id', 'l.activity_id', 'l.date', 'l.action'])
      .where('k.collectivity_id', '=', cid)
      .where('k.household_id', '=', request.householdId)
      .where('l.child_id', '=', child.id)
      .where('l.date', '>=', from)
      .where('l.date', '<=', to)
      .execute(),
  ]);

  const activityIds = [...new Set(enrolments.map((e) => e.activity_id))];
  const rules = await loadActivityRules(db, collectivity, activityIds);
  const withCapacity = activityIds.filter((id) => rules.get(id)?.capacity != null);
  const taken = await placesTaken(db, cid, withCapacity, from, to, now);

  // An archived activity has no rules any more: it leaves the calendar.
  const shown = activityIds.flatMap((id) => {
    const activity = rules.get(id);
    const enrolment = enrolments.find((e) => e.activity_id === id);
    return activity && enrolment ? [{ activity, enrolment }] : [];
  });
  const cells = calendarCells({
    from,
    to,
    now,
    timeZone: collectivity.timeZone,
    activities: shown.map((s) => s.activity),
    enrolments: enrolments.map((e) => ({ activityId: e.activity_id, from: e.from_date, to: e.to_date })),
    bookings: bookings.map((b) => ({
      id: b.id,
      activityId: b.activity_id,
      date: b.date,
      status: b.status,
      priceCents: b.price_cents,
      holdExpiresAt: b.hold_expires_at === null ? null : new Date(b.hold_expires_at),
      attendance: b.attendance,
      updatedAt: new Date(b.updated_at),
    })),
    placesTaken: taken,
    cartLines: cartLines.map((l) => ({ id: l.id, activityId: l.activity_id, date: l.date, action: l.action })),
    household: { familyQuotient: child.family_quotient, resident: child.resident },
  });
  return {
    child: { id: child.id, firstName: child.first_name, lastName: child.last_name },
    from,
    to,
    activities: shown.map(({ activity, enrolment }) => ({
      id: activity.id,
      code: activity.code,
      name: activity.name,
      paymentMode: activity.paymentMode,
      service: { id: enrolment.service_id, name: enrolment.service_name },
      site: { id: enrolment.site_id, name: enrolment.site_name },
    })),
    cells,
  };
}
