/**
 * Calendar dates local to a collectivity, as `YYYY-MM-DD` strings.
 *
 * All arithmetic goes through an "epoch day" (days since 1970-01-01) computed with integer
 * formulas (H. Hinnant's civil-date algorithms), so nothing here ever reads the machine's
 * time zone, allocates a `Date`, or is fooled by `Date.UTC` mapping years 0–99 to 1900–1999.
 */

/** A calendar date local to the collectivity, `YYYY-MM-DD` (years 0000–9999). */
export type LocalDate = string;

/** The last date `YYYY-MM-DD` can write: a period or a day after it is a bad request, not an overflow. */
export const LAST_LOCAL_DATE: LocalDate = '9999-12-31';

/** An inclusive range of local dates; every period of the domain (holidays, closures, sessions) is one. */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** The numeric parts of a local date; `month` and `day` start at 1. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** An ISO 8601 week: the week-numbering year can differ from the calendar year around 1 January. */
export interface IsoWeek {
  year: number;
  week: number;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DASH = 45;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The number of days of a month, leap years included (`month` from 1 to 12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) return Number.NaN;
    value = value * 10 + (code - DIGIT_0);
  }
  return value;
}

/** Reads the parts of a well-formed, existing date, or returns null; hand-rolled because it runs per calendar cell. */
function readParts(value: string): DateParts | null {
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a string `YYYY-MM-DD` naming a day that exists (no 2026-02-29, no 2026-13-01). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && readParts(value) !== null;
}

/**
 * Returns `value` as a local date, or throws a `RangeError` naming it; use at trust boundaries
 * (configuration, request bodies) so the rest of the domain can assume valid dates.
 */
export function parseLocalDate(value: string): LocalDate {
  if (readParts(value) === null) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return value;
}

/** The year, month and day of a local date; throws a `RangeError` on an invalid date. */
export function partsOf(date: LocalDate): DateParts {
  const parts = readParts(date);
  if (parts === null) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

/** Builds `YYYY-MM-DD` from its parts; throws a `RangeError` if the day does not exist. */
export function localDateFromParts(year: number, month: number, day: number): LocalDate {
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    year < 0 ||
    year > 9999 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new RangeError(`No such date: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a civil date (Hinnant's `days_from_civil`). */
export function epochDayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date of a day count since 1970-01-01 (Hinnant's `civil_from_days`). */
export function partsFromEpochDay(epochDay: number): DateParts {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01; the cheap integer form used to loop over a school year. */
export function epochDayOf(date: LocalDate): number {
  const { year, month, day } = partsOf(date);
  return epochDayFromParts(year, month, day);
}

/** The local date `epochDay` days after 1970-01-01 (negative before). */
export function fromEpochDay(epochDay: number): LocalDate {
  const { year, month, day } = partsFromEpochDay(epochDay);
  return localDateFromParts(year, month, day);
}

/** The date `days` days after `date` (before it when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return fromEpochDay(epochDayOf(date) + days);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return weekdayOfEpochDay(epochDayOf(date));
}

/** Signed number of days from `from` to `to`: `daysBetween('2026-07-18', '2026-07-22') === 4`. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** The date `days` days after `date`, or `LAST_LOCAL_DATE` when that would be later: the end of a default period. */
export function addDaysCapped(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return fromEpochDay(Math.min(epochDayOf(date) + days, epochDayOf(LAST_LOCAL_DATE)));
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachDate(from: LocalDate, to: LocalDate): LocalDate[] {
  const first = epochDayOf(from);
  const last = epochDayOf(to);
  const dates: LocalDate[] = [];
  for (let day = first; day <= last; day++) dates.push(fromEpochDay(day));
  return dates;
}

/** The Monday starting the ISO week of `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  const epochDay = epochDayOf(date);
  return fromEpochDay(epochDay - weekdayOfEpochDay(epochDay) + 1);
}

/**
 * The ISO 8601 week of `date`, as printed in "Semaine 29 du 18/07 au 22/07": the week belongs
 * to the year of its Thursday, so 2027-01-01 (a Friday) is in week 53 of 2026.
 */
export function isoWeek(date: LocalDate): IsoWeek {
  const epochDay = epochDayOf(date);
  const thursday = epochDay - weekdayOfEpochDay(epochDay) + 4;
  const { year } = partsFromEpochDay(thursday);
  const week = Math.floor((thursday - epochDayFromParts(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** Orders two local dates like `Array.prototype.sort` expects (valid dates compare as strings). */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `a` is strictly before `b`. */
export function isBefore(a: LocalDate, b: LocalDate): boolean {
  return a < b;
}

/** True when `a` is strictly after `b`. */
export function isAfter(a: LocalDate, b: LocalDate): boolean {
  return a > b;
}

/** True when `date` lies in `range`, both ends included. */
export function isWithin(date: LocalDate, range: DateRange): boolean {
  return range.from <= date && date <= range.to;
}

/** The earlier of two dates. */
export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}
