import {
  addDays,
  type BookingRules,
  type DeadlineRule,
  type LocalDate,
  localDateOf,
  openingDay,
  schoolCalendarOf,
  schoolYearOf,
} from '../src/domain/index.js';
import { TEST_NOW } from './test-database.js';

/** The time zone of the rules built here. */
export const RULES_TZ = 'Europe/Paris';

/** The suites' clock, and its date in Paris: the days of a test are counted from it. */
export const RULES_NOW = new Date(TEST_NOW);
export const RULES_TODAY = localDateOf(RULES_NOW, RULES_TZ);

/**
 * An activity's booking rules for pure tests: open every day of the week, holidays included,
 * over a season of a year around the test clock, postpaid, no capacity, booking and
 * cancelling until the day before at 10:00. Override what a test is about.
 */
export function bookingRules(overrides: Partial<BookingRules> = {}): BookingRules {
  const deadline: DeadlineRule = { kind: 'calendar_days', days: 1, time: '10:00' };
  const season = { from: addDays(RULES_TODAY, -200), to: addDays(RULES_TODAY, 200) };
  return {
    id: 'activity',
    name: 'Atelier',
    paymentMode: 'postpaid',
    capacity: null,
    waitlist: false,
    holdMinutes: 20,
    maxDaysPerChildPerSession: null,
    refundOnCancel: true,
    opening: { weekdays: [1, 2, 3, 4, 5, 6, 7], schoolHolidays: 'open', sessions: [], season },
    // A known school calendar without holidays: only the rules under test close a day.
    openingContext: {
      schoolCalendar: schoolCalendarOf([], [schoolYearOf(season.from), schoolYearOf(RULES_TODAY), schoolYearOf(season.to)]),
      alsaceMoselle: false,
      closures: [],
    },
    deadlineContext: { timeZone: RULES_TZ, alsaceMoselle: false },
    bookingDeadline: deadline,
    cancellationDeadline: deadline,
    window: {},
    sessions: [],
    pricing: { currency: 'EUR', tiers: [{ maxQuotient: null, amountCents: 500 }] },
    ...overrides,
  };
}

/** The first day on or after `from` that `rules` open (public holidays are closed whatever the rule). */
export function openDayFrom(rules: BookingRules, from: LocalDate): LocalDate {
  let date = from;
  while (!openingDay(date, rules.opening, rules.openingContext).open) date = addDays(date, 1);
  return date;
}
