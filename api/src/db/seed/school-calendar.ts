/**
 * The seed's small calendar helpers: the school year around a date and the days an activity
 * runs — just enough to place demo bookings on days the API would accept. The holidays are the
 * API's own: the school calendar in the database (`SchoolCalendar`, loaded by the seed) and the
 * public holidays of `domain/`. The seed test checks that the two agree on every seeded booking.
 */
import { easterSunday, publicHolidayOn } from '../../domain/public-holidays.js';
import { isCovered, type SchoolCalendar, schoolHolidayOn } from '../../domain/school-holidays.js';

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

/** An inclusive range of dates. */
export interface DateSpan {
  from: LocalDate;
  to: LocalDate;
}

/** A holiday or a leisure-centre session: a named range of dates. */
export interface NamedPeriod extends DateSpan {
  name: string;
  /** When bookings for this session open (ISO instant); unset: open all year. */
  opensAt?: string;
}

/**
 * A school year, 1 September to 31 August, with its holidays when the school calendar has them;
 * or, from `demoSeasonAround`, the one to three consecutive school years the demo is seeded for.
 */
export interface SchoolYear extends DateSpan {
  /** The year of the rentrée of the school year containing today: 2026 for 2026-2027. */
  startYear: number;
  /** The holidays of these school years, in date order; none for years the calendar does not have. */
  holidays: NamedPeriod[];
  /** Ascension Thursday of each spring of these school years that the calendar has. */
  ascensions: LocalDate[];
}

const ASCENSION_BRIDGE = "Pont de l'Ascension";

const DAY_MS = 86_400_000;

/** `date` moved by `days` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Every date from `span.from` to `span.to`, both included. */
export function datesIn(span: DateSpan): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = span.from; date <= span.to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** True when `date` lies in `span`, both ends included. */
export function isWithinSpan(date: LocalDate, span: DateSpan): boolean {
  return span.from <= date && date <= span.to;
}

/**
 * The school year containing `today` (1 September of (month ≥ 9 ? year : year − 1) to 31 August),
 * with the holidays `calendar` has for it; the summer is cut at 31 August, the end of the season.
 */
export function schoolYearContaining(today: LocalDate, calendar: SchoolCalendar): SchoolYear {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const startYear = month >= 9 ? year : year - 1;
  const name = `${startYear}-${startYear + 1}`;
  const to = `${startYear + 1}-08-31`;
  const holidays = calendar.periods
    .filter((p) => p.schoolYear === name)
    .map((p) => ({ name: p.name, from: p.from, to: p.to < to ? p.to : to }));
  return {
    startYear,
    from: `${startYear}-09-01`,
    to,
    holidays,
    ascensions: holidays.length > 0 ? [addDays(easterSunday(startYear + 1), 39)] : [],
  };
}

/** Under this many days since the rentrée, the demo also holds the school year before (its last weeks are the history). */
const HISTORY_DAYS = 28;
/**
 * Under this many days before 31 August, the demo also opens the next school year: from early May,
 * when fewer than eight weeks of school remain before the summer holidays (early July), so that
 * the first weeks of the next school year and its sessions can be booked.
 */
const LOOKAHEAD_DAYS = 17 * 7;

/**
 * The school years the demo is seeded for: the one containing `today`, plus the one before when
 * it started less than four weeks ago (so the demo always has a history of past school days), plus
 * the next one when fewer than about eight weeks of school remain (so that in the summer, or in
 * the last weeks of June, the town still offers canteen days and leisure-centre sessions to book). The activities'
 * season and the enrolments span them all. The holidays are those of `calendar`.
 */
export function demoSeasonAround(today: LocalDate, calendar: SchoolCalendar): SchoolYear {
  const current = schoolYearContaining(today, calendar);
  const years = [current];
  if (today < addDays(current.from, HISTORY_DAYS)) years.unshift(schoolYearContaining(addDays(current.from, -1), calendar));
  if (addDays(today, LOOKAHEAD_DAYS) > current.to) years.push(schoolYearContaining(addDays(current.to, 1), calendar));
  return {
    startYear: current.startYear,
    from: years[0]?.from ?? current.from,
    to: years[years.length - 1]?.to ?? current.to,
    holidays: years.flatMap((year) => year.holidays),
    ascensions: years.flatMap((year) => year.ascensions),
  };
}

/** The holidays a leisure centre runs sessions in: every break but the Ascension bridge. */
export function leisureSessionsOf(year: SchoolYear): NamedPeriod[] {
  return year.holidays.filter((holiday) => holiday.name !== ASCENSION_BRIDGE);
}

/** The instant the Paris wall clock shows `time` on `date` (the offset is the one of that day's noon). */
export function parisInstant(date: LocalDate, time: string): Date {
  const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = zoneName === undefined || zoneName === 'GMT' ? '+00:00' : zoneName.slice(3);
  return new Date(`${date}T${time}:00${offset}`);
}

/** When an activity runs, in the terms of the `activities` table. */
export interface OpeningPattern {
  weekdays: readonly number[];
  schoolHolidays: 'closed' | 'only';
  /** When non-empty, the activity runs only inside one of them. */
  sessions: readonly DateSpan[];
  season: DateSpan;
  /** Closures of the activity or of its site. */
  closures: readonly DateSpan[];
  /** The school calendar of the town's zone. */
  calendar: SchoolCalendar;
}

/** True when the activity runs on `date`: in season and session, on its weekdays, not a holiday nor a closure. */
export function isOpenDay(date: LocalDate, pattern: OpeningPattern): boolean {
  if (!isWithinSpan(date, pattern.season)) return false;
  if (pattern.sessions.length > 0 && !pattern.sessions.some((session) => isWithinSpan(date, session))) return false;
  if (!pattern.weekdays.includes(isoWeekday(date))) return false;
  if (publicHolidayOn(date) !== null) return false;
  // Like the API: a day the school calendar does not cover is not open (calendar_unknown).
  if (!isCovered(date, pattern.calendar)) return false;
  const inHoliday = schoolHolidayOn(date, pattern.calendar) !== null;
  if (inHoliday !== (pattern.schoolHolidays === 'only')) return false;
  return !pattern.closures.some((closure) => isWithinSpan(date, closure));
}

/** The days of `span` the activity runs, in date order. */
export function openDaysIn(span: DateSpan, pattern: OpeningPattern): LocalDate[] {
  return datesIn(span).filter((date) => isOpenDay(date, pattern));
}

/** The first day on or after `from` the activity runs, looking at most a year ahead. */
export function firstOpenDayFrom(from: LocalDate, pattern: OpeningPattern): LocalDate | null {
  return openDaysIn({ from, to: addDays(from, 366) }, pattern)[0] ?? null;
}
