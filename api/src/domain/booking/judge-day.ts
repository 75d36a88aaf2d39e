import { type BookingDecision, bookingAllowed, type CancellationDecision, cancellationAllowed } from '../deadlines.js';
import type { LocalDate } from '../local-date.js';
import { type OpeningDay, openingDay } from '../opening-days.js';
import { publicHolidayOn } from '../public-holidays.js';
import { schoolHolidayOn } from '../school-holidays.js';
import { type BookingRules, windowFor } from './rules.js';

/** The state of one day of one activity at an instant, by the collectivity's rules. */
export interface DayJudgement {
  opening: OpeningDay;
  /** A closure's reason, a public or school holiday's name. */
  label: string | null;
  booking: BookingDecision;
  cancellation: CancellationDecision;
}

function labelOf(rules: BookingRules, date: LocalDate, opening: OpeningDay): string | null {
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

/**
 * Judges a day: open or closed (and why), can it be booked or cancelled at `now`, until when.
 *
 * @example
 * judgeDay(canteen, '2026-12-02', now);
 * // { opening: { open: false, reason: 'weekday' }, label: null, booking: { allowed: true, deadline }, … }
 */
export function judgeDay(rules: BookingRules, date: LocalDate, now: Date): DayJudgement {
  const opening = openingDay(date, rules.opening, rules.openingContext);
  return {
    opening,
    label: labelOf(rules, date, opening),
    booking: bookingAllowed(now, date, rules.bookingDeadline, windowFor(rules, date), rules.deadlineContext),
    cancellation: cancellationAllowed(now, date, rules.cancellationDeadline, rules.deadlineContext),
  };
}
