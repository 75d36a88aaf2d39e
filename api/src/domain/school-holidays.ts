/**
 * French school holidays (vacances scolaires) as rules over data: the periods are not in this
 * file but in the database, imported from the Ministry's open dataset (`foyer school-calendar
 * import`), and given to the rules as a plain `SchoolCalendar` value per zone.
 *
 * Convention: the official text says "fin des cours samedi X, reprise des cours lundi Y".
 * A period here is the days WITHOUT school, both ends included: `from` = X + 1, `to` = Y − 1.
 *
 * A calendar also says which dates it answers for (`covered`): outside them nobody knows
 * whether children are at school, and the rules must say so (`calendar_unknown`) instead of
 * guessing a school day.
 */
import { collectivity } from '@foyer/sdk/contract';
import { type DateRange, epochDayOf, fromEpochDay, isWithin, type LocalDate, maxDate, parseLocalDate } from './local-date.js';

/**
 * The zones of the school calendar (mainland A, B, C, Corsica, each overseas académie), stored in
 * `collectivities.school_holiday_zone`. One list, the contract's: a plain constant, no I/O.
 */
export const SCHOOL_ZONES = collectivity.SCHOOL_HOLIDAY_ZONES;
export type SchoolZone = (typeof SCHOOL_ZONES)[number];

/** One holiday period of one zone. */
export interface SchoolHolidayPeriod {
  /** French name, shown to parents: "Vacances de la Toussaint". */
  readonly name: string;
  /** First day without school. */
  readonly from: LocalDate;
  /** Last day without school; classes resume the next day. */
  readonly to: LocalDate;
  /** School year the period belongs to, "2026-2027". */
  readonly schoolYear: string;
}

/** The school calendar of one zone: its holidays, and the dates it answers for. */
export interface SchoolCalendar {
  readonly periods: readonly SchoolHolidayPeriod[];
  /** Date ranges the data covers (whole school years); a day outside is unknown. */
  readonly covered: readonly DateRange[];
}

/** A zone nobody imported a calendar for: every day is unknown. */
export const UNKNOWN_SCHOOL_CALENDAR: SchoolCalendar = Object.freeze({ periods: Object.freeze([]), covered: Object.freeze([]) });

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** True for "2026-2027": two consecutive years. */
export function isSchoolYear(value: string): boolean {
  const match = SCHOOL_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

/**
 * The dates a school year answers for: 1 September to 31 August. The rentrée is always early
 * September, and the summer holiday's end belongs to the next year's data.
 */
export function schoolYearRange(schoolYear: string): DateRange {
  if (!isSchoolYear(schoolYear)) throw new RangeError(`not a school year "YYYY-YYYY+1": ${JSON.stringify(schoolYear)}`);
  const start = Number(schoolYear.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/** The school year a date belongs to: "2026-2027" for any date from 2026-09-01 to 2027-08-31. */
export function schoolYearOf(date: LocalDate): string {
  parseLocalDate(date);
  const year = Number(date.slice(0, 4));
  const start = date.slice(5) >= '09-01' ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** Builds a calendar from periods and the school years they cover, sorted, merging touching years. */
export function schoolCalendarOf(periods: readonly SchoolHolidayPeriod[], schoolYears: readonly string[]): SchoolCalendar {
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const ranges = [...new Set(schoolYears)].map(schoolYearRange).sort((a, b) => (a.from < b.from ? -1 : 1));
  const covered: DateRange[] = [];
  for (const range of ranges) {
    const last = covered.at(-1);
    if (last !== undefined && epochDayOf(range.from) <= epochDayOf(last.to) + 1) {
      covered[covered.length - 1] = { from: last.from, to: maxDate(range.to, last.to) };
    } else covered.push(range);
  }
  return Object.freeze({ periods: Object.freeze(sorted), covered: Object.freeze(covered) });
}

/** True when the calendar answers for `date`, i.e. a null from `schoolHolidayOn` really means "school day". */
export function isCovered(date: LocalDate, calendar: SchoolCalendar): boolean {
  parseLocalDate(date);
  return calendar.covered.some((range) => isWithin(date, range));
}

/** The first date of `from`…`to` the calendar does not answer for, or null when it covers them all. */
export function firstUncoveredDate(from: LocalDate, to: LocalDate, calendar: SchoolCalendar): LocalDate | null {
  let day = epochDayOf(from);
  const last = epochDayOf(to);
  while (day <= last) {
    const date = fromEpochDay(day);
    const range = calendar.covered.find((r) => isWithin(date, r));
    if (range === undefined) return date;
    day = epochDayOf(range.to) + 1;
  }
  return null;
}

/**
 * The school holiday `date` falls in, or null on a school day — and also outside the covered
 * dates, where the answer is unknown (see `isCovered`). Throws a `RangeError` on a malformed date.
 */
export function schoolHolidayOn(date: LocalDate, calendar: SchoolCalendar): { name: string } | null {
  parseLocalDate(date);
  const holiday = calendar.periods.find((p) => p.from <= date && date <= p.to);
  return holiday === undefined ? null : { name: holiday.name };
}

/** The periods overlapping `from`…`to` (both included), whole and in date order. */
export function schoolHolidaysBetween(from: LocalDate, to: LocalDate, calendar: SchoolCalendar): SchoolHolidayPeriod[] {
  parseLocalDate(from);
  parseLocalDate(to);
  return calendar.periods.filter((holiday) => holiday.from <= to && from <= holiday.to);
}
