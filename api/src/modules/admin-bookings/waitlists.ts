import type { adminBookings, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { addDaysCapped, decidePromotion, epochDayOf, localDateOf } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { loadActivityRules } from '../bookings/activity-rules.js';
import { lockActivityDays, placeKey, placesTaken } from '../bookings/capacity.js';
import { promoteEntry } from '../bookings/waitlist.js';

type Waitlists = EndpointOutput<typeof adminBookings.listWaitlists>;
type WaitlistsQuery = EndpointInput<typeof adminBookings.listWaitlists>['query'];
type WaitlistDay = Waitlists['days'][number];
type PromotionResult = EndpointOutput<typeof adminBookings.promoteFromWaitlist>;

const MAX_DAYS = 62;
/** Two months by default: from almost any school day, the next holiday session's lists show. */
const DEFAULT_DAYS = MAX_DAYS;

function period(query: WaitlistsQuery, today: string): { from: string; to: string } {
  const from = query.from ?? today;
  const to = query.to ?? addDaysCapped(from, DEFAULT_DAYS - 1);
  const days = epochDayOf(to) - epochDayOf(from);
  if (days < 0 || days >= MAX_DAYS) {
    throw new ApiError(400, 'validation_failed', `query.to: must be on or after from, at most ${MAX_DAYS} days later`, {
      errors: [{ path: 'query.to', message: `must be on or after from, at most ${MAX_DAYS} days later` }],
    });
  }
  return { from, to };
}

/** The bookings that are or were on a waiting list in the period, with who promoted them. */
async function waitlistRows(db: Db, collectivityId: string, range: { from: string; to: string }, activity?: string) {
  let query = db
    .selectFrom('bookings as b')
    .innerJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'))
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'b.collectivity_id').onRef('h.id', '=', 'b.household_id'),
    )
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .leftJoin('accounts as agent', 'agent.id', 'b.promoted_by')
    .select([
      'b.id',
      'b.date',
      'b.status',
      'b.waitlisted_at',
      'b.promoted_at',
      'b.promoted_by',
      'agent.display_name as promoted_by_name',
      'ch.id as child_id',
      'ch.first_name',
      'ch.last_name',
      'h.id as household_id',
      'h.name as household_name',
      'a.id as activity_id',
      'a.code as activity_code',
      'a.name as activity_name',
      'a.capacity',
    ])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.date', '>=', range.from)
    .where('b.date', '<=', range.to)
    .where((eb) => eb.or([eb('b.status', '=', 'waitlisted'), eb('b.promoted_at', 'is not', null)]));
  if (activity) query = query.where('b.activity_id', '=', activity);
  return query.orderBy('b.date').orderBy('a.position').orderBy('a.name').orderBy('b.waitlisted_at').orderBy('b.id').execute();
}

const iso = (instant: Date | string) => new Date(instant).toISOString();

/**
 * The waiting lists of the period: per activity-day, who waits (in the order places are
 * given: by checkout instant) and who was promoted, when and by whom.
 */
export async function listWaitlists(
  db: Db,
  collectivity: CollectivityContext,
  query: WaitlistsQuery,
  now: Date,
): Promise<Waitlists> {
  const range = period(query, localDateOf(now, collectivity.timeZone));
  const rows = await waitlistRows(db, collectivity.id, range, query.activity);
  const taken = await placesTaken(db, collectivity.id, [...new Set(rows.map((r) => r.activity_id))], range.from, range.to, now);
  const days = new Map<string, WaitlistDay>();
  for (const row of rows) {
    const key = placeKey(row.activity_id, row.date);
    let day = days.get(key);
    if (!day) {
      day = {
        activity: { id: row.activity_id, code: row.activity_code, name: row.activity_name },
        date: row.date,
        capacity: row.capacity,
        placesTaken: taken.get(key) ?? 0,
        waiting: [],
        promoted: [],
      };
      days.set(key, day);
    }
    const child = { id: row.child_id, firstName: row.first_name, lastName: row.last_name };
    const household = { id: row.household_id, name: row.household_name };
    if (row.status === 'waitlisted') {
      day.waiting.push({
        bookingId: row.id,
        position: day.waiting.length + 1,
        child,
        household,
        waitlistedAt: iso(row.waitlisted_at ?? row.promoted_at ?? now),
      });
    } else if (row.promoted_at) {
      day.promoted.push({
        bookingId: row.id,
        child,
        household,
        waitlistedAt: row.waitlisted_at ? iso(row.waitlisted_at) : null,
        promotedAt: iso(row.promoted_at),
        promotedBy: row.promoted_by ? { id: row.promoted_by, name: row.promoted_by_name ?? '' } : null,
        status: row.status,
      });
    }
  }
  for (const day of days.values()) day.promoted.sort((a, b) => a.promotedAt.localeCompare(b.promotedAt));
  return { ...range, days: [...days.values()] };
}

/**
 * An agent gives a waiting child a place, out of the list's order if need be, or over the
 * capacity when they confirm it. Under the activity-day's lock, as every promotion: of two
 * agents promoting into the last place, the second is told the day is full.
 */
export async function promoteFromWaitlist(
  deps: AppDeps,
  input: { collectivity: CollectivityContext; agentAccountId: string; bookingId: string; overCapacity: boolean },
): Promise<PromotionResult> {
  const cid = input.collectivity.id;
  return deps.db.transaction().execute(async (trx) => {
    const cell = await trx
      .selectFrom('bookings')
      .select(['activity_id', 'date'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', input.bookingId)
      .executeTakeFirst();
    if (!cell) throw notFound('booking');
    const rules = (await loadActivityRules(trx, input.collectivity, [cell.activity_id])).get(cell.activity_id);
    if (!rules) throw notFound('booking');
    await lockActivityDays(trx, cid, [placeKey(cell.activity_id, cell.date)]);
    const entry = await trx
      .selectFrom('bookings as b')
      .innerJoin('children as ch', (j) =>
        j.onRef('ch.collectivity_id', '=', 'b.collectivity_id').onRef('ch.id', '=', 'b.child_id'),
      )
      .select(['b.id', 'b.status', 'b.household_id', 'b.price_cents', 'b.date', 'ch.first_name'])
      .where('b.collectivity_id', '=', cid)
      .where('b.id', '=', input.bookingId)
      .forUpdate('b')
      .executeTakeFirstOrThrow();
    const now = deps.clock.now();
    const taken = (await placesTaken(trx, cid, [rules.id], entry.date, entry.date, now)).get(placeKey(rules.id, entry.date)) ?? 0;
    const decision = decidePromotion({ status: entry.status, capacity: rules.capacity, taken, overCapacity: input.overCapacity });
    if (decision.outcome === 'not_waitlisted') {
      throw new ApiError(409, 'not_waitlisted', `This booking is not on the waiting list (it is ${entry.status}).`);
    }
    if (decision.outcome === 'day_full') {
      throw new ApiError(409, 'day_full', 'No place is free that day: send overCapacity: true to give one anyway.');
    }
    await promoteEntry(deps, trx, cid, rules, entry, { now, agentAccountId: input.agentAccountId });
    await audit(trx, {
      collectivityId: cid,
      actorAccountId: input.agentAccountId,
      action: 'waitlist.promoted',
      objectType: 'booking',
      objectId: entry.id,
      details: { overCapacity: decision.overCapacity, placesTaken: taken, capacity: rules.capacity },
      at: now,
    });
    const after = await trx
      .selectFrom('bookings')
      .select('status')
      .where('collectivity_id', '=', cid)
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    return { bookingId: entry.id, status: after.status, overCapacity: decision.overCapacity };
  });
}
