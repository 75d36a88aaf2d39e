import type { LocalDate } from '../local-date.js';
import { type BookingRules, sessionOf } from './rules.js';

/** A day a child holds or has asked for (booked, held, waiting, or in the cart to book). */
export interface HeldDay {
  activityId: string;
  date: LocalDate;
}

/**
 * The dates to read a child's bookings over so that every capped session touching
 * `from`…`to` is seen whole: the cap counts the days of the whole session.
 */
export function sessionSpan(rules: Iterable<BookingRules>, from: LocalDate, to: LocalDate): { from: LocalDate; to: LocalDate } {
  const bounds = [from, to];
  for (const activity of rules) {
    if (activity.maxDaysPerChildPerSession == null) continue;
    for (const s of activity.sessions) if (s.to >= from && s.from <= to) bounds.push(s.from, s.to);
  }
  // ISO dates sort as text.
  bounds.sort();
  return { from: bounds[0] ?? from, to: bounds[bounds.length - 1] ?? to };
}

/**
 * True when a child already holds as many days of the activity's session around `date` as the
 * activity allows (`maxDaysPerChildPerSession`), not counting `date` itself: one more would be
 * refused. `held` are the child's days, of any activity.
 */
export function sessionCapReached(activity: BookingRules, date: LocalDate, held: Iterable<HeldDay>): boolean {
  const cap = activity.maxDaysPerChildPerSession;
  const session = cap == null ? undefined : sessionOf(activity, date);
  if (cap == null || !session) return false;
  let days = 0;
  for (const h of held) {
    if (h.activityId === activity.id && h.date !== date && h.date >= session.from && h.date <= session.to) days++;
  }
  return days >= cap;
}
