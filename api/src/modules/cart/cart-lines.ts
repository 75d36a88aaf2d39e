import type { cart } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { AppDeps } from '../../deps.js';
import { daysBetween, eachDate, LIVE_STATUSES, localDateOf, sessionSpan, weekdayOf } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { type ActivityRules, loadActivityRules } from '../bookings/activity-rules.js';
import { placesTaken } from '../bookings/capacity.js';
import { reasonText } from '../bookings/reason-texts.js';
import { judgeCartLines, type WantedLine } from './cart-decisions.js';
import { cartIdOf, type HouseholdScope } from './cart-view.js';

type AddBody = InferOutput<typeof cart.AddCartLinesBody>;
type Skipped = InferOutput<typeof cart.SkippedDate>;

const MAX_PERIOD_DAYS = 400;
const MAX_CART_LINES = 1000;

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

  const wanted = wantedLines(body, rules);
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
    .select(['child_id', 'activity_id', 'date', 'status', 'hold_expires_at', 'price_cents'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('child_id', 'in', childIds)
    .where('date', '>=', span.from)
    .where('date', '<=', span.to)
    .where('status', 'in', [...LIVE_STATUSES])
    .execute();
  // The days each child has in the cart to book, for the per-session cap.
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
  // The cart checks places too: a day the checkout would refuse as full is not taken.
  const withCapacity = [...rules.values()].filter((r) => r.capacity !== null).map((r) => r.id);
  const taken = await placesTaken(db, scope.collectivityId, withCapacity, first, last, now);
  const { accepted, skipped } = judgeCartLines(wanted, { now, today, rules, enrolments, bookings, inCart, placesTaken: taken });

  if (accepted.length === 0) {
    const single = skipped.length === 1 ? skipped[0] : undefined;
    const detail = single
      ? { fr: reasonText(single.reason), en: reasonText(single.reason, 'en') }
      : { fr: 'Aucun de ces jours ne peut recevoir ce changement.', en: 'None of these days can take this change.' };
    throw new ApiError(422, 'not_bookable', detail, {
      errors: skipped.slice(0, 50).map((s) => ({ path: s.date, message: reasonText(s.reason) })),
      extra: { skipped: skipped.slice(0, 400) },
    });
  }

  await writeLines(deps, scope, accepted);
  return { added: accepted.length, skipped };
}

/** The lines a request asks for, one per child × activity × date; a period becomes its weekdays' dates. */
function wantedLines(body: AddBody, rules: ReadonlyMap<string, ActivityRules>): (WantedLine & { path: string })[] {
  const wanted: (WantedLine & { path: string })[] = [];
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
        absence: line.action === 'cancel' ? (line.absence ?? null) : null,
        path: `body.lines.${index}`,
      });
    }
  });
  return wanted;
}

/** Adds (or replaces) the accepted lines in the household's cart, within its size limit. */
async function writeLines(deps: AppDeps, scope: HouseholdScope, accepted: readonly WantedLine[]): Promise<void> {
  const { db } = deps;
  const now = deps.clock.now();
  await db.transaction().execute(async (trx) => {
    const cartId = await cartIdOf(trx, scope, now);
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
          absence: w.absence,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['collectivity_id', 'cart_id', 'child_id', 'activity_id', 'date']).doUpdateSet((eb) => ({
          action: eb.ref('excluded.action'),
          reason: eb.ref('excluded.reason'),
          absence: eb.ref('excluded.absence'),
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
}
