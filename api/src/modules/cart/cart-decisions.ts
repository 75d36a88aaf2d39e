import type { cart } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { AbsenceKind } from '../../db/schema.js';
import {
  type BookingRules,
  type BookingStatus,
  decideLine,
  type HeldDay,
  holdsCell,
  type LineRefusal,
  type LocalDate,
} from '../../domain/index.js';
import { placeKey } from '../bookings/capacity.js';

type Skipped = InferOutput<typeof cart.SkippedDate>;

/** A change asked for one cell, before it is judged. */
export interface WantedLine {
  childId: string;
  activityId: string;
  date: LocalDate;
  action: 'book' | 'cancel';
  reason: string | null;
  /** Why the child will be absent, on a cancellation. */
  absence: AbsenceKind | null;
}

/** What the cart knows when it judges lines: the same facts the calendar and the checkout use. */
export interface CartFacts {
  now: Date;
  today: LocalDate;
  rules: ReadonlyMap<string, BookingRules>;
  enrolments: readonly { child_id: string; activity_id: string; from_date: string; to_date: string }[];
  /** The children's live bookings (lapsed holds the sweeper has not closed included). */
  bookings: readonly {
    child_id: string;
    activity_id: string;
    date: LocalDate;
    status: BookingStatus;
    hold_expires_at: Date | null;
    price_cents: number;
  }[];
  /** The household's cart lines to book, for the per-session cap. */
  inCart: readonly { child_id: string; activity_id: string; date: LocalDate }[];
  /** Places taken per `placeKey`, for the activities with a capacity. */
  placesTaken: ReadonlyMap<string, number>;
}

/**
 * Judges the lines a parent adds with `decideLine`, in order: a line the checkout would
 * refuse is skipped with its reason, one it would apply is accepted (and counts for the
 * per-session cap of the lines after it).
 */
export function judgeCartLines<Line extends WantedLine>(
  wanted: readonly Line[],
  facts: CartFacts,
): { accepted: Line[]; skipped: (Skipped & { reason: LineRefusal })[] } {
  const { now } = facts;
  const cells = new Map(facts.bookings.map((b) => [`${b.child_id}|${b.activity_id}|${b.date}`, b]));
  const held = new Map<string, HeldDay[]>();
  const heldOf = (childId: string) => {
    let days = held.get(childId);
    if (!days) {
      days = [];
      held.set(childId, days);
    }
    return days;
  };
  for (const b of facts.bookings) {
    if (holdsCell(b.status, b.hold_expires_at, now)) heldOf(b.child_id).push({ activityId: b.activity_id, date: b.date });
  }
  for (const l of facts.inCart) heldOf(l.child_id).push({ activityId: l.activity_id, date: l.date });

  const accepted: Line[] = [];
  const skipped: (Skipped & { reason: LineRefusal })[] = [];
  for (const w of wanted) {
    const booking = cells.get(`${w.childId}|${w.activityId}|${w.date}`);
    const days = heldOf(w.childId);
    const decision = decideLine(
      {
        rules: facts.rules.get(w.activityId),
        today: facts.today,
        enrolled: facts.enrolments.some(
          (e) => e.child_id === w.childId && e.activity_id === w.activityId && e.from_date <= w.date && w.date <= e.to_date,
        ),
        current: booking
          ? { status: booking.status, holdExpiresAt: booking.hold_expires_at, priceCents: booking.price_cents }
          : null,
        placesTaken: facts.placesTaken.get(placeKey(w.activityId, w.date)) ?? 0,
        heldDays: days,
      },
      { date: w.date, action: w.action },
      now,
    );
    if (decision.outcome === 'refused') {
      skipped.push({ childId: w.childId, activityId: w.activityId, date: w.date, reason: decision.reason });
      continue;
    }
    accepted.push(w);
    if (w.action === 'book') days.push({ activityId: w.activityId, date: w.date });
  }
  return { accepted, skipped };
}
