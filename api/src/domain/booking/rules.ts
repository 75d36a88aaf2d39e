import type { DeadlineContext, DeadlineRule, RegistrationWindow } from '../deadlines.js';
import type { LocalDate } from '../local-date.js';
import type { OpeningContext, OpeningRule } from '../opening-days.js';
import type { Pricing } from '../prices.js';

/** A period of an activity (a holiday week, a term), with its own registration opening. */
export interface BookingSession {
  from: LocalDate;
  to: LocalDate;
  name: string;
  /** When registrations for this session open, an ISO instant; else the activity's window. */
  opensAt?: string;
}

/**
 * An activity's booking rules as a plain value: what every booking decision depends on, with
 * no database type in it, so that the rules can be judged, tested and shared anywhere.
 */
export interface BookingRules {
  id: string;
  name: string;
  paymentMode: 'prepaid' | 'postpaid';
  /** Places per day; null when the activity takes every child. */
  capacity: number | null;
  /** Whether a full day takes children on a waiting list. */
  waitlist: boolean;
  /** How long an unpaid hold keeps its place. */
  holdMinutes: number;
  maxDaysPerChildPerSession: number | null;
  /** Whether a prepaid day cancelled in time is credited. */
  refundOnCancel: boolean;
  opening: OpeningRule;
  openingContext: OpeningContext;
  deadlineContext: DeadlineContext;
  bookingDeadline: DeadlineRule;
  cancellationDeadline: DeadlineRule;
  window: RegistrationWindow;
  sessions: BookingSession[];
  pricing: Pricing;
}

/** The session a date falls in, if the activity has sessions. */
export function sessionOf(rules: BookingRules, date: LocalDate): BookingSession | undefined {
  return rules.sessions.find((s) => s.from <= date && date <= s.to);
}

/** The registration window of a date: its session's opening if it has one, else the activity's. */
export function windowFor(rules: BookingRules, date: LocalDate): RegistrationWindow {
  const opensAt = sessionOf(rules, date)?.opensAt;
  return opensAt ? { ...rules.window, opensAt: new Date(opensAt) } : rules.window;
}
