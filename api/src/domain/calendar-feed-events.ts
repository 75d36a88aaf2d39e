import { addDays, type DateRange, type LocalDate } from './local-date.js';
import type { TimeOfDay } from './time-of-day.js';
import { instantAt } from './zoned-time.js';

/** The statuses of a day a child is expected (or may be): the others are not in the feed. */
export type FeedBookingStatus = 'booked' | 'pending_payment' | 'waitlisted' | 'cancel_requested';
export const FEED_STATUSES: readonly FeedBookingStatus[] = ['booked', 'pending_payment', 'waitlisted', 'cancel_requested'];

/** A booking as the feed shows it. */
export interface FeedBooking {
  id: string;
  date: LocalDate;
  status: FeedBookingStatus;
  childFirstName: string;
  activityName: string;
  serviceName: string;
  siteName: string;
  /** The activity's daily times on the collectivity's wall clock; null: the whole day. */
  times: { startsAt: TimeOfDay; endsAt: TimeOfDay } | null;
}

export interface FeedEvent {
  uid: string;
  /** A whole day, or the instants the activity starts and ends that day. */
  timing: { date: LocalDate } | { start: Date; end: Date };
  summary: string;
  location: string;
  description: string;
  status: 'CONFIRMED' | 'TENTATIVE';
}

/** What a parent reads in the event's notes, in French (calendar apps send no useful language). */
const STATUS_TEXT: Record<FeedBookingStatus, string> = {
  booked: 'Réservé',
  pending_payment: 'En attente de paiement',
  waitlisted: "Sur liste d'attente",
  cancel_requested: 'Annulation demandée (en attente de la mairie)',
};

/**
 * The days a feed covers: a month back (so that "was it booked?" can still be checked) and a
 * year ahead; older and later days would only make every refresh heavier.
 */
export function feedWindow(today: LocalDate): DateRange {
  return { from: addDays(today, -31), to: addDays(today, 366) };
}

/**
 * One event per booked day: at the activity's times in `timeZone` (daylight saving included) when
 * it has them, all day otherwise. A day that is held for payment or on a waiting list is
 * tentative, so that the parent does not count on it. The UID is the booking's: a refresh updates
 * the same event, and a cancelled day disappears.
 */
export function feedEvents(bookings: readonly FeedBooking[], uidDomain: string, timeZone: string): FeedEvent[] {
  return bookings.map((b) => ({
    uid: `${b.id}@${uidDomain}`,
    timing: b.times
      ? { start: instantAt(b.date, b.times.startsAt, timeZone), end: instantAt(b.date, b.times.endsAt, timeZone) }
      : { date: b.date },
    summary: `${b.childFirstName} : ${b.activityName}`,
    location: b.siteName,
    description: `${b.serviceName} — ${STATUS_TEXT[b.status]}`,
    status: b.status === 'booked' || b.status === 'cancel_requested' ? 'CONFIRMED' : 'TENTATIVE',
  }));
}
