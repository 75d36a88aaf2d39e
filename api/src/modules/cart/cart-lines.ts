import type { cart } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { AppDeps } from '../../deps.js';
import { daysBetween, eachDate, localDateOf, weekdayOf } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { judgeDay, loadActivityRules } from '../bookings/activity-rules.js';
import { isExpiredHold, LIVE_STATUSES } from '../bookings/capacity.js';
import { type HeldDay, sessionCapReached, sessionSpan } from '../bookings/session-cap.js';
import { cartIdOf, type HouseholdScope } from './cart-view.js';

type AddBody = InferOutput<typeof cart.AddCartLinesBody>;
type Skipped = InferOutput<typeof cart.SkippedDate>;

const MAX_PERIOD_DAYS = 400;
const MAX_CART_LINES = 1000;

/** Human-readable reasons a date is not added, in French (shown to parents as they are). */
export const SKIP_MESSAGES: Record<string, string> = {
  not_enrolled: "L'enfant n'est pas inscrit à cette activité à cette date.",
  weekday: "L'activité n'a pas lieu ce jour de la semaine.",
  public_holiday: 'Jour férié.',
  school_holiday: 'Vacances scolaires.',
  calendar_unknown: "Le calendrier scolaire n'est pas encore connu pour ce jour : réservation impossible pour l'instant.",
  closure: 'Fermeture exceptionnelle.',
  outside_session: "Hors des périodes d'ouverture.",
  outside_season: "Hors de la période d'inscription de l'activité.",
  deadline_passed: 'Le délai de réservation est dépassé.',
  registration_not_open: 'Les réservations ne sont pas encore ouvertes.',
  registration_closed: 'Les réservations sont closes.',
  already_booked: 'Ce jour est déjà réservé.',
  session_limit: "L'enfant a déjà le nombre maximal de jours de cette période.",
  not_booked: "Ce jour n'est pas réservé.",
  day_passed: 'Ce jour est passé.',
};

/**
 * Adds lines to the household's cart, for single dates or a period with weekdays. Dates that
 * cannot take the change (closed, past the deadline, already booked…) are skipped and listed;
 * when every date asked is refused, the request fails with the reasons, so that a single
 * click on a closed day gets a clear answer.
 */
export async function addCartLines(
  deps: AppDeps,
  scope: HouseholdScope,
  collectivity: CollectivityContext,
  body: AddBody,
): Promise<{ added: number; skipped: Skipped[] }> {
  const { db } = deps;
  const now = deps.clock.now();
  const today = localDateOf(now, collectivity.timeZone);
  const childIds = [...new Set(body.lines.map((l) => l.childId))];
  const children = await db
    .selectFrom('children')
    .select('id')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .where('id', 'in', childIds)
    .execute();
  if (children.length !== childIds.length) throw notFound('child');
  const rules = await loadActivityRules(db, collectivity, [...new Set(body.lines.map((l) => l.activityId))]);

  const wanted: {
    childId: string;
    activityId: string;
    date: string;
    action: 'book' | 'cancel';
    reason: string | null;
    path: string;
  }[] = [];
  body.lines.forEach((line, index) => {
    const activity = rules.get(line.activityId);
    if (!activity) throw notFound('activity');
    if (!line.dates === !line.period) {
      throw new ApiError(400, 'validation_failed', `body.lines.${index}: give either dates or a period.`, {
        errors: [{ path: `body.lines.${index}`, message: 'give either dates or a period' }],
      });
    }
    let dates = line.dates ?? [];
    if (line.period) {
      const { from, to } = line.period;
      if (from > to || daysBetween(from, to) > MAX_PERIOD_DAYS) {
        throw new ApiError(
          400,
          'validation_failed',
          `body.lines.${index}.period: from must be before to, ${MAX_PERIOD_DAYS} days at most.`,
          {
            errors: [{ path: `body.lines.${index}.period.to`, message: `must be after from and within ${MAX_PERIOD_DAYS} days` }],
          },
        );
      }
      const weekdays = new Set(line.period.weekdays ?? activity.opening.weekdays);
      dates = eachDate(from, to).filter((d) => weekdays.has(weekdayOf(d)));
    }
    for (const date of new Set(dates)) {
      wanted.push({
        childId: line.childId,
        activityId: line.activityId,
        date,
        action: line.action,
        reason: line.reason ?? null,
        path: `body.lines.${index}`,
      });
    }
  });
  if (wanted.length === 0) return { added: 0, skipped: [] };

  const dates = wanted.map((w) => w.date).sort();
  const first = dates[0] ?? today;
  const last = dates[dates.length - 1] ?? today;
  const enrolments = await db
    .selectFrom('enrolments')
    .select(['child_id', 'activity_id', 'from_date', 'to_date'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('child_id', 'in', childIds)
    .where('ended_at', 'is', null)
    .where('from_date', '<=', last)
    .where('to_date', '>=', first)
    .execute();
  // Over the whole of the capped sessions these dates touch: the cap counts a session's days.
  const span = sessionSpan(rules.values(), first, last);
  const bookings = await db
    .selectFrom('bookings')
    .select(['child_id', 'activity_id', 'date', 'status', 'hold_expires_at'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('child_id', 'in', childIds)
    .where('date', '>=', span.from)
    .where('date', '<=', span.to)
    .where('status', 'in', [...LIVE_STATUSES])
    .execute();
  const holding = bookings.filter((b) => !isExpiredHold(b.status, b.hold_expires_at, now));
  const live = new Map(holding.map((b) => [`${b.child_id}|${b.activity_id}|${b.date}`, b.status]));
  // The days each child holds or has in the cart to book, for the per-session cap.
  const capped = [...rules.values()].some((r) => r.maxDaysPerChildPerSession != null);
  const inCart = capped
    ? await db
        .selectFrom('cart_lines as l')
        .innerJoin('carts as k', (j) => j.onRef('k.collectivity_id', '=', 'l.collectivity_id').onRef('k.id', '=', 'l.cart_id'))
        .select(['l.child_id', 'l.activity_id', 'l.date'])
        .where('k.collectivity_id', '=', scope.collectivityId)
        .where('k.household_id', '=', scope.householdId)
        .where('l.action', '=', 'book')
        .where('l.date', '>=', span.from)
        .where('l.date', '<=', span.to)
        .execute()
    : [];
  const held = new Map<string, HeldDay[]>(childIds.map((id) => [id, []]));
  for (const d of [...holding, ...inCart]) {
    held.get(d.child_id)?.push({ activityId: d.activity_id, date: d.date });
  }

  const accepted: typeof wanted = [];
  const skipped: Skipped[] = [];
  for (const w of wanted) {
    const activity = rules.get(w.activityId);
    if (!activity) continue;
    const skip = (reason: string) => skipped.push({ childId: w.childId, activityId: w.activityId, date: w.date, reason });
    const enrolled = enrolments.some(
      (e) => e.child_id === w.childId && e.activity_id === w.activityId && e.from_date <= w.date && w.date <= e.to_date,
    );
    if (!enrolled) {
      skip('not_enrolled');
      continue;
    }
    const day = judgeDay(activity, w.date, now);
    if (!day.opening.open) {
      skip(day.opening.reason);
      continue;
    }
    const status = live.get(`${w.childId}|${w.activityId}|${w.date}`);
    if (w.action === 'book') {
      const days = held.get(w.childId) ?? [];
      if (status) skip('already_booked');
      else if (!day.booking.allowed) skip(day.booking.reason);
      else if (sessionCapReached(activity, w.date, days)) skip('session_limit');
      else {
        accepted.push(w);
        days.push({ activityId: w.activityId, date: w.date });
      }
    } else if (status !== 'booked' && status !== 'waitlisted') skip('not_booked');
    else if (w.date < today) skip('day_passed');
    else accepted.push(w);
  }

  if (accepted.length === 0) {
    const single = skipped.length === 1 && skipped[0] ? SKIP_MESSAGES[skipped[0].reason] : undefined;
    throw new ApiError(422, 'not_bookable', single ?? 'None of these days can take this change.', {
      errors: skipped.slice(0, 50).map((s) => ({ path: s.date, message: SKIP_MESSAGES[s.reason] ?? s.reason })),
      extra: { skipped: skipped.slice(0, 400) },
    });
  }

  await db.transaction().execute(async (trx) => {
    const cartId = await cartIdOf(trx, scope);
    await trx
      .insertInto('cart_lines')
      .values(
        accepted.map((w) => ({
          collectivity_id: scope.collectivityId,
          cart_id: cartId,
          child_id: w.childId,
          activity_id: w.activityId,
          date: w.date,
          action: w.action,
          reason: w.reason,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['collectivity_id', 'cart_id', 'child_id', 'activity_id', 'date']).doUpdateSet((eb) => ({
          action: eb.ref('excluded.action'),
          reason: eb.ref('excluded.reason'),
        })),
      )
      .execute();
    const count = await trx
      .selectFrom('cart_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collectivity_id', '=', scope.collectivityId)
      .where('cart_id', '=', cartId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) > MAX_CART_LINES) {
      throw new ApiError(422, 'cart_too_large', `A cart holds ${MAX_CART_LINES} lines at most: validate it first.`);
    }
    await trx
      .updateTable('carts')
      .set({ updated_at: now })
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', cartId)
      .execute();
  });
  return { added: accepted.length, skipped };
}
