/**
 * The seed's own small calendar: the school year around a date, the zone C school holidays,
 * the public holidays and the days an activity runs — just enough to place demo bookings on
 * days the API would accept. The API's rules live in `domain/`; the seed test checks that the
 * two agree on every seeded booking.
 */

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
 * A school year, 1 September to 31 August, with its zone C holidays when the seed knows them;
 * or, from `demoSeasonAround`, the one to three consecutive school years the demo is seeded for.
 */
export interface SchoolYear extends DateSpan {
  /** The year of the rentrée of the school year containing today: 2026 for 2026-2027. */
  startYear: number;
  /** Zone C holidays of these school years, in date order; none for years the table does not cover. */
  holidays: NamedPeriod[];
  /** Ascension Thursday of each spring of these school years that the table covers. */
  ascensions: LocalDate[];
}

const TOUSSAINT = 'Vacances de la Toussaint';
const NOEL = 'Vacances de Noël';
const HIVER = "Vacances d'hiver";
const PRINTEMPS = 'Vacances de printemps';
const ASCENSION_BRIDGE = "Pont de l'Ascension";
const ETE = "Vacances d'été";

function period(name: string, from: LocalDate, to: LocalDate): NamedPeriod {
  return { name, from, to };
}

/**
 * Zone C (Créteil, Montpellier, Paris, Toulouse, Versailles) days without school, both ends
 * included, as in `domain/school-holidays.ts`; 2027-2028 is the ministry's usual pattern, not
 * yet published. The summer is cut at 31 August, the end of the seed's season.
 */
const ZONE_C: Readonly<Record<number, { ascension: LocalDate; holidays: NamedPeriod[] }>> = {
  2025: {
    ascension: '2026-05-14',
    holidays: [
      period(TOUSSAINT, '2025-10-19', '2025-11-02'),
      period(NOEL, '2025-12-21', '2026-01-04'),
      period(HIVER, '2026-02-22', '2026-03-08'),
      period(PRINTEMPS, '2026-04-19', '2026-05-03'),
      period(ASCENSION_BRIDGE, '2026-05-14', '2026-05-17'),
      period(ETE, '2026-07-05', '2026-08-31'),
    ],
  },
  2026: {
    ascension: '2027-05-06',
    holidays: [
      period(TOUSSAINT, '2026-10-18', '2026-11-01'),
      period(NOEL, '2026-12-20', '2027-01-03'),
      period(HIVER, '2027-02-07', '2027-02-21'),
      period(PRINTEMPS, '2027-04-04', '2027-04-18'),
      period(ASCENSION_BRIDGE, '2027-05-06', '2027-05-09'),
      period(ETE, '2027-07-04', '2027-08-31'),
    ],
  },
  2027: {
    ascension: '2028-05-25',
    holidays: [
      period(TOUSSAINT, '2027-10-24', '2027-11-07'),
      period(NOEL, '2027-12-19', '2028-01-02'),
      period(HIVER, '2028-02-13', '2028-02-27'),
      period(PRINTEMPS, '2028-04-09', '2028-04-23'),
      period(ASCENSION_BRIDGE, '2028-05-25', '2028-05-28'),
      period(ETE, '2028-07-09', '2028-08-31'),
    ],
  },
};

const ALL_HOLIDAYS: readonly NamedPeriod[] = Object.values(ZONE_C).flatMap((year) => year.holidays);

/** Jours fériés from the rentrée 2025 to the summer 2028. */
const PUBLIC_HOLIDAYS: ReadonlySet<LocalDate> = new Set([
  '2025-11-01',
  '2025-11-11',
  '2025-12-25',
  '2026-01-01',
  '2026-04-06',
  '2026-05-01',
  '2026-05-08',
  '2026-05-14',
  '2026-05-25',
  '2026-07-14',
  '2026-08-15',
  '2026-11-01',
  '2026-11-11',
  '2026-12-25',
  '2027-01-01',
  '2027-03-29',
  '2027-05-01',
  '2027-05-06',
  '2027-05-08',
  '2027-05-17',
  '2027-07-14',
  '2027-08-15',
  '2027-11-01',
  '2027-11-11',
  '2027-12-25',
  '2028-01-01',
  '2028-04-17',
  '2028-05-01',
  '2028-05-08',
  '2028-05-25',
  '2028-06-05',
  '2028-07-14',
  '2028-08-15',
]);

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

/** The school year containing `today`: from 1 September of (month ≥ 9 ? year : year − 1) to 31 August. */
export function schoolYearContaining(today: LocalDate): SchoolYear {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const startYear = month >= 9 ? year : year - 1;
  const known = ZONE_C[startYear];
  return {
    startYear,
    from: `${startYear}-09-01`,
    to: `${startYear + 1}-08-31`,
    holidays: known?.holidays ?? [],
    ascensions: known === undefined ? [] : [known.ascension],
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
 * season and the enrolments span them all.
 */
export function demoSeasonAround(today: LocalDate): SchoolYear {
  const current = schoolYearContaining(today);
  const years = [current];
  if (today < addDays(current.from, HISTORY_DAYS)) years.unshift(schoolYearContaining(addDays(current.from, -1)));
  if (addDays(today, LOOKAHEAD_DAYS) > current.to) years.push(schoolYearContaining(addDays(current.to, 1)));
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
}

/** True when the activity runs on `date`: in season and session, on its weekdays, not a holiday nor a closure. */
export function isOpenDay(date: LocalDate, pattern: OpeningPattern): boolean {
  if (!isWithinSpan(date, pattern.season)) return false;
  if (pattern.sessions.length > 0 && !pattern.sessions.some((session) => isWithinSpan(date, session))) return false;
  if (!pattern.weekdays.includes(isoWeekday(date))) return false;
  if (PUBLIC_HOLIDAYS.has(date)) return false;
  const inHoliday = ALL_HOLIDAYS.some((holiday) => isWithinSpan(date, holiday));
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
