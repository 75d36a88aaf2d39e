/**
 * Opening days: whether an activity runs on a date, and if not why, so the calendar can show
 * "Férié", "Vacances" or "Fermé" instead of a bare grey cell.
 *
 * When several reasons apply, the most structural wins, in this order: outside the season,
 * outside every session, weekday not run, public holiday, unknown school calendar,
 * school-holiday rule, closure.
 */
import {
  type DateRange,
  epochDayOf,
  fromEpochDay,
  isLocalDate,
  type LocalDate,
  partsFromEpochDay,
  weekdayOfEpochDay,
} from './local-date.js';
import { type OverseasTerritory, publicHolidaysOf } from './public-holidays.js';
import { type SchoolCalendar, schoolHolidaysBetween } from './school-holidays.js';

/**
 * Why an activity is closed on a day. `school_holiday` means the school-holiday rule closes it:
 * a holiday for an activity `closed` during holidays, a school day for one open `only` then.
 * `calendar_unknown`: the activity depends on the school holidays and the zone's imported school
 * calendar does not reach that day, so nobody knows; never guessed open.
 */
export type ClosedReason =
  | 'weekday'
  | 'public_holiday'
  | 'calendar_unknown'
  | 'school_holiday'
  | 'closure'
  | 'outside_session'
  | 'outside_season';

/** Whether an activity runs on a day, with the reason when it does not. */
export type OpeningDay = { open: true } | { open: false; reason: ClosedReason };

/** When an activity runs, as configured by the collectivity for that activity. */
export interface OpeningRule {
  /** ISO weekdays the activity runs, e.g. [1,2,4,5] for no Wednesday. */
  weekdays: number[];
  /** Canteen: closed; leisure centre: only; morning childcare on Wednesdays: maybe open. */
  schoolHolidays: 'closed' | 'open' | 'only';
  /** If non-empty, open only inside one of them (e.g. the weeks a summer camp runs). */
  sessions?: { from: LocalDate; to: LocalDate; name: string }[];
  /** The period the activity exists, usually the school year. */
  season?: { from: LocalDate; to: LocalDate };
}

/** What the collectivity and site add to every activity's rule. */
export interface OpeningContext {
  /** The school calendar of the collectivity's zone, as imported (see `school-holidays.ts`). */
  schoolCalendar: SchoolCalendar;
  alsaceMoselle: boolean;
  /** The overseas territory whose public holidays apply, if any. */
  territory?: OverseasTerritory;
  /** The collectivity's or site's own closures (strike, works, "pont"), both ends included. */
  closures: { from: LocalDate; to: LocalDate; reason: string }[];
}

const OPEN: OpeningDay = Object.freeze({ open: true });
const CLOSED = Object.freeze({
  weekday: Object.freeze({ open: false, reason: 'weekday' }),
  public_holiday: Object.freeze({ open: false, reason: 'public_holiday' }),
  calendar_unknown: Object.freeze({ open: false, reason: 'calendar_unknown' }),
  school_holiday: Object.freeze({ open: false, reason: 'school_holiday' }),
  closure: Object.freeze({ open: false, reason: 'closure' }),
  outside_session: Object.freeze({ open: false, reason: 'outside_session' }),
  outside_season: Object.freeze({ open: false, reason: 'outside_season' }),
} satisfies Record<ClosedReason, OpeningDay>);

/**
 * Everything needed to answer for the days `first`…`last` (epoch days), computed once: flags per
 * day for sessions, closures, school and public holidays. Answering is then O(1) per day.
 */
function openingPlan(first: number, last: number, rule: OpeningRule, context: OpeningContext) {
  const length = last - first + 1;
  const flag = (ranges: readonly DateRange[]): Uint8Array => {
    const flags = new Uint8Array(length);
    for (const range of ranges) {
      const end = Math.min(last, epochDayOf(range.to));
      for (let day = Math.max(first, epochDayOf(range.from)); day <= end; day++) flags[day - first] = 1;
    }
    return flags;
  };

  const runs = new Array<boolean>(8).fill(false);
  for (const weekday of rule.weekdays) if (weekday >= 1 && weekday <= 7) runs[weekday] = true;
  const season = rule.season === undefined ? null : { from: epochDayOf(rule.season.from), to: epochDayOf(rule.season.to) };
  const inSession = rule.sessions !== undefined && rule.sessions.length > 0 ? flag(rule.sessions) : null;
  const closed = flag(context.closures);
  const schoolHoliday =
    rule.schoolHolidays === 'open'
      ? null
      : flag(schoolHolidaysBetween(fromEpochDay(first), fromEpochDay(last), context.schoolCalendar));
  // An activity that ignores the school holidays does not need to know them.
  const known = rule.schoolHolidays === 'open' ? null : flag(context.schoolCalendar.covered);
  const publicHoliday = new Uint8Array(length);
  const lastYear = partsFromEpochDay(last).year;
  for (let year = partsFromEpochDay(first).year; year <= lastYear; year++) {
    for (const date of publicHolidaysOf(year, { alsaceMoselle: context.alsaceMoselle, territory: context.territory }).keys()) {
      const day = epochDayOf(date);
      if (day >= first && day <= last) publicHoliday[day - first] = 1;
    }
  }

  return (day: number): OpeningDay => {
    const index = day - first;
    if (season !== null && (day < season.from || day > season.to)) return CLOSED.outside_season;
    if (inSession !== null && inSession[index] !== 1) return CLOSED.outside_session;
    if (runs[weekdayOfEpochDay(day)] !== true) return CLOSED.weekday;
    if (publicHoliday[index] === 1) return CLOSED.public_holiday;
    if (known !== null && known[index] !== 1) return CLOSED.calendar_unknown;
    if (schoolHoliday !== null && (schoolHoliday[index] === 1) === (rule.schoolHolidays === 'closed')) {
      return CLOSED.school_holiday;
    }
    if (closed[index] === 1) return CLOSED.closure;
    return OPEN;
  };
}

/**
 * Whether the activity runs on `date`. Public holidays always close. Outside the dates the
 * zone's school calendar covers, an activity depending on the school holidays is closed with
 * `calendar_unknown`: never open by default.
 *
 * @example openingDay('2026-09-02', canteen, context) // { open: false, reason: 'weekday' } for a Wednesday
 */
export function openingDay(date: LocalDate, rule: OpeningRule, context: OpeningContext): OpeningDay {
  const day = epochDayOf(date);
  const year = partsFromEpochDay(day).year;
  return yearPlan(year, rule, context)(day);
}

/**
 * The plans of whole years, per rule and context. A calendar asks day by day, and every child
 * of the town asks for the same activities' days: a plan is worth computing once per year, not
 * once per cell (a cold calendar spent most of its time on holidays and closures again). Rules
 * and contexts are values: whoever changes a rule builds a new object, so a plan never goes stale.
 */
const yearPlans = new WeakMap<OpeningRule, WeakMap<OpeningContext, Map<number, (day: number) => OpeningDay>>>();

function yearPlan(year: number, rule: OpeningRule, context: OpeningContext): (day: number) => OpeningDay {
  let byContext = yearPlans.get(rule);
  if (!byContext) {
    byContext = new WeakMap();
    yearPlans.set(rule, byContext);
  }
  let byYear = byContext.get(context);
  if (!byYear) {
    byYear = new Map();
    byContext.set(context, byYear);
  }
  let plan = byYear.get(year);
  if (!plan) {
    plan = openingPlan(epochDayOf(`${year}-01-01` as LocalDate), epochDayOf(`${year}-12-31` as LocalDate), rule, context);
    byYear.set(year, plan);
  }
  return plan;
}

/** Every date of `from`…`to` with whether the activity runs on it: one calendar, computed in one pass. */
export function openingDaysBetween(
  from: LocalDate,
  to: LocalDate,
  rule: OpeningRule,
  context: OpeningContext,
): Map<LocalDate, OpeningDay> {
  const first = epochDayOf(from);
  const last = epochDayOf(to);
  const days = new Map<LocalDate, OpeningDay>();
  if (last < first) return days;
  const answer = openingPlan(first, last, rule, context);
  for (let day = first; day <= last; day++) days.set(fromEpochDay(day), answer(day));
  return days;
}

/** The dates of `from`…`to` (both included) on which the activity runs, in order. */
export function openDaysBetween(from: LocalDate, to: LocalDate, rule: OpeningRule, context: OpeningContext): LocalDate[] {
  const first = epochDayOf(from);
  const last = epochDayOf(to);
  const open: LocalDate[] = [];
  if (last < first) return open;
  const answer = openingPlan(first, last, rule, context);
  for (let day = first; day <= last; day++) if (answer(day).open) open.push(fromEpochDay(day));
  return open;
}

/** What is wrong with an opening rule, in words an agent can act on; empty when it is usable. */
export function openingRuleProblems(rule: OpeningRule): string[] {
  const problems: string[] = [];
  if (rule.weekdays.length === 0) problems.push('weekdays must list at least one day');
  for (const weekday of rule.weekdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      problems.push(`weekday ${weekday} is not an ISO weekday from 1 (Monday) to 7 (Sunday)`);
    }
  }
  if (!['closed', 'open', 'only'].includes(rule.schoolHolidays)) {
    problems.push(`schoolHolidays must be closed, open or only, not ${JSON.stringify(rule.schoolHolidays)}`);
  }
  const checkRange = (label: string, range: DateRange) => {
    if (!isLocalDate(range.from) || !isLocalDate(range.to)) problems.push(`${label} must have dates YYYY-MM-DD`);
    else if (range.from > range.to) problems.push(`${label} ends (${range.to}) before it starts (${range.from})`);
  };
  if (rule.season !== undefined) checkRange('season', rule.season);
  for (const session of rule.sessions ?? []) checkRange(`session "${session.name}"`, session);
  return problems;
}
