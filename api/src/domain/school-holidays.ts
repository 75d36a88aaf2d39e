/**
 * French school holidays (vacances scolaires) of mainland zones A, B and C, shipped as data.
 *
 * Source: the school calendar published by the Ministère de l'Éducation nationale (arrêtés
 * fixing the calendar of each school year, reproduced on education.gouv.fr "Le calendrier
 * scolaire" and in the open dataset data.education.gouv.fr `fr-en-calendrier-scolaire`).
 * Corsica and the overseas académies set their own calendars and are not covered.
 *
 * Convention: the official text says "fin des cours samedi X, reprise des cours lundi Y".
 * A period here is the days WITHOUT school, both ends included: `from` = X + 1, `to` = Y − 1.
 * So the Toussaint 2026 (fin des cours samedi 17 octobre, reprise lundi 2 novembre) is
 * `2026-10-18`…`2026-11-01`; the Saturday X itself is a school day for the data (no primary
 * school works on Saturdays anyway, and activities' weekdays exclude it).
 *
 * Periods marked `provisional` were not published when this table was written: their dates
 * follow the ministry's usual pattern and must be replaced by the arrêté's once it is out.
 */
import { type DateRange, epochDayOf, fromEpochDay, isWithin, type LocalDate, parseLocalDate } from './local-date.js';

/** A mainland school-holiday zone. */
export type SchoolZone = 'A' | 'B' | 'C';

/** One holiday period as it applies to some zones. */
export interface SchoolHolidayPeriod {
  /** French name, shown to parents: "Vacances de la Toussaint". */
  readonly name: string;
  /** First day without school. */
  readonly from: LocalDate;
  /** Last day without school; classes resume the next day. */
  readonly to: LocalDate;
  readonly zones: readonly SchoolZone[];
  /** School year the period belongs to, "2026-2027". */
  readonly schoolYear: string;
  /** True while the dates are an estimate, not the published calendar. */
  readonly provisional: boolean;
}

/** What `schoolHolidayOn` says about a day inside a holiday. */
export interface SchoolHolidayDay {
  name: string;
  provisional: boolean;
}

const ALL: readonly SchoolZone[] = ['A', 'B', 'C'];
const TOUSSAINT = 'Vacances de la Toussaint';
const NOEL = 'Vacances de Noël';
const HIVER = "Vacances d'hiver";
const PRINTEMPS = 'Vacances de printemps';
const ASCENSION = "Pont de l'Ascension";
const ETE = "Vacances d'été";

function period(
  schoolYear: string,
  name: string,
  zones: readonly SchoolZone[],
  from: LocalDate,
  to: LocalDate,
  provisional = false,
): SchoolHolidayPeriod {
  return Object.freeze({ schoolYear, name, zones: Object.freeze([...zones]), from, to, provisional });
}

/** Every shipped period, ordered by school year then start date; the comments quote the official "fin des cours → reprise". */
export const SCHOOL_HOLIDAYS: readonly SchoolHolidayPeriod[] = Object.freeze([
  // 2025-2026 — rentrée lundi 1er septembre 2025.
  period('2025-2026', TOUSSAINT, ALL, '2025-10-19', '2025-11-02'), // sam. 18/10/2025 → lun. 03/11/2025
  period('2025-2026', NOEL, ALL, '2025-12-21', '2026-01-04'), // sam. 20/12/2025 → lun. 05/01/2026
  period('2025-2026', HIVER, ['A'], '2026-02-08', '2026-02-22'), // sam. 07/02 → lun. 23/02/2026
  period('2025-2026', HIVER, ['B'], '2026-02-15', '2026-03-01'), // sam. 14/02 → lun. 02/03/2026
  period('2025-2026', HIVER, ['C'], '2026-02-22', '2026-03-08'), // sam. 21/02 → lun. 09/03/2026
  period('2025-2026', PRINTEMPS, ['A'], '2026-04-05', '2026-04-19'), // sam. 04/04 → lun. 20/04/2026
  period('2025-2026', PRINTEMPS, ['B'], '2026-04-12', '2026-04-26'), // sam. 11/04 → lun. 27/04/2026
  period('2025-2026', PRINTEMPS, ['C'], '2026-04-19', '2026-05-03'), // sam. 18/04 → lun. 04/05/2026
  period('2025-2026', ASCENSION, ALL, '2026-05-14', '2026-05-17'), // mer. 13/05 → lun. 18/05/2026
  period('2025-2026', ETE, ALL, '2026-07-05', '2026-08-31'), // sam. 04/07 → mar. 01/09/2026

  // 2026-2027 — rentrée mardi 1er septembre 2026.
  period('2026-2027', TOUSSAINT, ALL, '2026-10-18', '2026-11-01'), // sam. 17/10/2026 → lun. 02/11/2026
  period('2026-2027', NOEL, ALL, '2026-12-20', '2027-01-03'), // sam. 19/12/2026 → lun. 04/01/2027
  period('2026-2027', HIVER, ['C'], '2027-02-07', '2027-02-21'), // sam. 06/02 → lun. 22/02/2027
  period('2026-2027', HIVER, ['A'], '2027-02-14', '2027-02-28'), // sam. 13/02 → lun. 01/03/2027
  period('2026-2027', HIVER, ['B'], '2027-02-21', '2027-03-07'), // sam. 20/02 → lun. 08/03/2027
  period('2026-2027', PRINTEMPS, ['C'], '2027-04-04', '2027-04-18'), // sam. 03/04 → lun. 19/04/2027
  period('2026-2027', PRINTEMPS, ['A'], '2027-04-11', '2027-04-25'), // sam. 10/04 → lun. 26/04/2027
  period('2026-2027', PRINTEMPS, ['B'], '2027-04-18', '2027-05-02'), // sam. 17/04 → lun. 03/05/2027
  period('2026-2027', ASCENSION, ALL, '2027-05-06', '2027-05-09'), // mer. 05/05 → lun. 10/05/2027
  // Starts after classes on sam. 03/07/2027 (published); its end is the rentrée 2027, not yet published.
  period('2026-2027', ETE, ALL, '2027-07-04', '2027-09-01', true), // → jeu. 02/09/2027 (estimated)

  // 2027-2028 — not published yet: estimated from the usual pattern (two weeks around 1 November
  // and around Christmas, winter and spring breaks eight weeks apart with the zones rotating).
  period('2027-2028', TOUSSAINT, ALL, '2027-10-24', '2027-11-07', true), // sam. 23/10/2027 → lun. 08/11/2027
  period('2027-2028', NOEL, ALL, '2027-12-19', '2028-01-02', true), // sam. 18/12/2027 → lun. 03/01/2028
  period('2027-2028', HIVER, ['B'], '2028-02-06', '2028-02-20', true), // sam. 05/02 → lun. 21/02/2028
  period('2027-2028', HIVER, ['C'], '2028-02-13', '2028-02-27', true), // sam. 12/02 → lun. 28/02/2028
  period('2027-2028', HIVER, ['A'], '2028-02-20', '2028-03-05', true), // sam. 19/02 → lun. 06/03/2028
  period('2027-2028', PRINTEMPS, ['B'], '2028-04-02', '2028-04-17', true), // sam. 01/04 → mar. 18/04/2028
  period('2027-2028', PRINTEMPS, ['C'], '2028-04-09', '2028-04-23', true), // sam. 08/04 → lun. 24/04/2028
  period('2027-2028', PRINTEMPS, ['A'], '2028-04-16', '2028-05-01', true), // sam. 15/04 → mar. 02/05/2028
  period('2027-2028', ASCENSION, ALL, '2028-05-25', '2028-05-28', true), // mer. 24/05 → lun. 29/05/2028
]);

/**
 * The dates the table answers for: from the rentrée 2025 to the end of June 2028 (the summer
 * 2028 dates are unknown). Outside it, `schoolHolidayOn` returns null without knowing; check
 * `isCovered` before trusting a null.
 */
export const SCHOOL_HOLIDAY_COVERAGE: Readonly<DateRange> = Object.freeze({ from: '2025-09-01', to: '2028-06-30' });

/** True when the shipped data answers for `date`, i.e. a null from `schoolHolidayOn` really means "school day". */
export function isCovered(date: LocalDate): boolean {
  return isWithin(parseLocalDate(date), SCHOOL_HOLIDAY_COVERAGE);
}

/** Per zone, the holiday period of every holiday date; built on first use (about 400 entries per zone). */
const periodsByDate = new Map<SchoolZone, ReadonlyMap<LocalDate, SchoolHolidayPeriod>>();

function periodsOf(zone: SchoolZone): ReadonlyMap<LocalDate, SchoolHolidayPeriod> {
  let byDate = periodsByDate.get(zone);
  if (byDate === undefined) {
    const built = new Map<LocalDate, SchoolHolidayPeriod>();
    for (const holiday of SCHOOL_HOLIDAYS) {
      if (!holiday.zones.includes(zone)) continue;
      const last = epochDayOf(holiday.to);
      for (let day = epochDayOf(holiday.from); day <= last; day++) built.set(fromEpochDay(day), holiday);
    }
    byDate = built;
    periodsByDate.set(zone, byDate);
  }
  return byDate;
}

/**
 * The school holiday `date` falls in for `zone`, or null on a school day — and also outside
 * `SCHOOL_HOLIDAY_COVERAGE`, where the answer is unknown (see `isCovered`). Throws a `RangeError`
 * on a malformed date, like every function of the domain taking one.
 */
export function schoolHolidayOn(date: LocalDate, zone: SchoolZone): SchoolHolidayDay | null {
  const holiday = periodsOf(zone).get(parseLocalDate(date));
  return holiday === undefined ? null : { name: holiday.name, provisional: holiday.provisional };
}

/** The periods of `zone` overlapping `from`…`to` (both included), whole and in date order. */
export function schoolHolidaysBetween(from: LocalDate, to: LocalDate, zone: SchoolZone): SchoolHolidayPeriod[] {
  parseLocalDate(from);
  parseLocalDate(to);
  return SCHOOL_HOLIDAYS.filter((holiday) => holiday.zones.includes(zone) && holiday.from <= to && from <= holiday.to).sort(
    (a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0),
  );
}
