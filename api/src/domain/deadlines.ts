/**
 * Deadlines (délais de prévenance): the last instant a parent may book, or cancel, a day of an
 * activity, as each collectivity states it ("la veille à 10:00", "2 jours ouvrés avant à 12:00",
 * "le jeudi de la semaine précédente à 12:00").
 *
 * Convention, used everywhere: an action is allowed while `now <= deadline`. A parent told
 * "until 10:00" may still act at 10:00:00.000 and no later; the registration window's bounds
 * are inclusive the same way.
 */
import { addDays, epochDayOf, fromEpochDay, type LocalDate, weekdayOfEpochDay } from './local-date.js';
import { publicHolidayOn } from './public-holidays.js';
import { isTimeOfDay } from './time-of-day.js';
import { instantAt } from './zoned-time.js';

/** How far ahead of a day an action must happen; `time` is a local `HH:MM`. */
export type DeadlineRule =
  /** "N calendar days before at HH:MM"; `days: 0` is the day itself. */
  | { kind: 'calendar_days'; days: number; time: string }
  /** "N working days before at HH:MM": Monday to Friday, public holidays excluded (jours ouvrés). */
  | { kind: 'working_days'; days: number; time: string }
  /** "Weekday W of the previous ISO week at HH:MM", e.g. Thursday of the week before at 12:00. */
  | { kind: 'previous_week'; weekday: number; time: string }
  /** Allowed until the day starts, 00:00 local. */
  | { kind: 'none' };

/** When registrations for an activity open and close (e.g. summer leisure centre opens 1 June 08:00 local). */
export interface RegistrationWindow {
  opensAt?: Date;
  closesAt?: Date;
}

/** The collectivity's clock and law, which deadlines depend on. */
export interface DeadlineContext {
  timeZone: string;
  alsaceMoselle: boolean;
}

/** Why a booking is refused. */
export type BookingRefusal = 'deadline_passed' | 'registration_not_open' | 'registration_closed';

/** The answer to "may this day be booked now?", with the deadline to show either way. */
export type BookingDecision =
  | { allowed: true; deadline: Date }
  | { allowed: false; reason: BookingRefusal; deadline: Date; opensAt?: Date };

/** The answer to "may this booking be cancelled now?"; past the deadline it becomes a request to agents. */
export type CancellationDecision =
  | { allowed: true; deadline: Date }
  | { allowed: false; reason: 'deadline_passed'; deadline: Date };

const MAX_DAYS = 366;
const KINDS: readonly string[] = ['calendar_days', 'working_days', 'previous_week', 'none'];

/**
 * What is wrong with a deadline rule, in words an agent can act on; empty when it is usable.
 * The API refuses a configuration with problems, so `deadlineFor` never meets one.
 */
export function deadlineRuleProblems(rule: DeadlineRule): string[] {
  const problems: string[] = [];
  if (!KINDS.includes(rule.kind)) return [`kind must be one of ${KINDS.join(', ')}, not ${JSON.stringify(rule.kind)}`];
  if (rule.kind === 'none') return problems;
  if (!isTimeOfDay(rule.time)) problems.push(`time must be HH:MM between 00:00 and 23:59, not ${JSON.stringify(rule.time)}`);
  if (rule.kind === 'previous_week') {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      problems.push(`weekday must be an ISO weekday from 1 (Monday) to 7 (Sunday), not ${rule.weekday}`);
    }
  } else if (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > MAX_DAYS) {
    problems.push(`days must be a whole number from 0 to ${MAX_DAYS}, not ${rule.days}`);
  }
  return problems;
}

function isWorkingDay(epochDay: number, alsaceMoselle: boolean): boolean {
  return weekdayOfEpochDay(epochDay) <= 5 && publicHolidayOn(fromEpochDay(epochDay), { alsaceMoselle }) === null;
}

/** The date of the deadline: the rule's "N days before" resolved on the calendar. */
function deadlineDate(date: LocalDate, rule: Exclude<DeadlineRule, { kind: 'none' }>, alsaceMoselle: boolean): LocalDate {
  switch (rule.kind) {
    case 'calendar_days':
      return addDays(date, -rule.days);
    case 'working_days': {
      let day = epochDayOf(date);
      for (let counted = 0; counted < rule.days; ) {
        day -= 1;
        if (isWorkingDay(day, alsaceMoselle)) counted += 1;
      }
      return fromEpochDay(day);
    }
    case 'previous_week': {
      const day = epochDayOf(date);
      const mondayOfPreviousWeek = day - weekdayOfEpochDay(day) + 1 - 7;
      return fromEpochDay(mondayOfPreviousWeek + rule.weekday - 1);
    }
  }
}

/**
 * The last instant the action is allowed for `date` under `rule` (allowed iff `now <= deadline`).
 * The local time is the rule's, except when daylight saving skips it (then the first instant after).
 * Throws a `RangeError` on a rule with `deadlineRuleProblems`.
 *
 * @example
 * const dayBefore = { kind: 'calendar_days', days: 1, time: '10:00' } as const;
 * deadlineFor('2026-07-20', dayBefore, { timeZone: 'Europe/Paris', alsaceMoselle: false });
 * // 2026-07-19T08:00:00.000Z: Sunday 10:00 in Paris
 */
export function deadlineFor(date: LocalDate, rule: DeadlineRule, context: DeadlineContext): Date {
  let byContext = deadlines.get(rule);
  if (!byContext) {
    byContext = new WeakMap();
    deadlines.set(rule, byContext);
  }
  let byDate = byContext.get(context);
  if (!byDate || byDate.size >= MAX_REMEMBERED_DATES) {
    byDate = new Map();
    byContext.set(context, byDate);
  }
  let at = byDate.get(date);
  if (at === undefined) {
    at = computeDeadline(date, rule, context).getTime();
    byDate.set(date, at);
  }
  return new Date(at);
}

/**
 * Deadlines already computed, per rule and context (as the opening days' year plans): every
 * child of the town asks for the same days of the same activities, and a deadline costs a time
 * zone conversion. Rules and contexts are values, never changed in place, so an entry never goes
 * stale; each rule keeps at most a few years of dates.
 */
const deadlines = new WeakMap<DeadlineRule, WeakMap<DeadlineContext, Map<LocalDate, number>>>();
const MAX_REMEMBERED_DATES = 2000;

function computeDeadline(date: LocalDate, rule: DeadlineRule, context: DeadlineContext): Date {
  if (rule.kind === 'none') return instantAt(date, '00:00', context.timeZone);
  const problems = deadlineRuleProblems(rule);
  if (problems.length > 0) throw new RangeError(`Invalid deadline rule: ${problems.join('; ')}`);
  return instantAt(deadlineDate(date, rule, context.alsaceMoselle), rule.time, context.timeZone);
}

/**
 * Whether a parent may book `date` at `now`: the registration window first (not open yet,
 * already closed), then the day's deadline. Both window bounds are inclusive.
 */
export function bookingAllowed(
  now: Date,
  date: LocalDate,
  rule: DeadlineRule,
  window: RegistrationWindow,
  context: DeadlineContext,
): BookingDecision {
  const deadline = deadlineFor(date, rule, context);
  const at = now.getTime();
  if (window.opensAt !== undefined && at < window.opensAt.getTime()) {
    return { allowed: false, reason: 'registration_not_open', deadline, opensAt: window.opensAt };
  }
  if (window.closesAt !== undefined && at > window.closesAt.getTime()) {
    return { allowed: false, reason: 'registration_closed', deadline };
  }
  if (at > deadline.getTime()) return { allowed: false, reason: 'deadline_passed', deadline };
  return { allowed: true, deadline };
}

/** Whether a parent may still cancel `date` at `now` themselves; afterwards agents decide. */
export function cancellationAllowed(
  now: Date,
  date: LocalDate,
  rule: DeadlineRule,
  context: DeadlineContext,
): CancellationDecision {
  const deadline = deadlineFor(date, rule, context);
  if (now.getTime() > deadline.getTime()) return { allowed: false, reason: 'deadline_passed', deadline };
  return { allowed: true, deadline };
}
