/**
 * TEST FIXTURE, never shipped as data: invented school calendars, written in the Ministry's
 * dataset format (fr-en-calendrier-scolaire CSV), for the school years the shipped snapshot
 * (api/data/calendrier-scolaire.csv) does not have yet, so that the suites and the bench run at
 * any date (`FOYER_TEST_NOW`, `BENCH_RUSH_FROM`). The dates follow the usual pattern (two weeks
 * around 1 November and Christmas, zones rotating in February and April, the Ascension bridge,
 * summer from early July); every row says it is a fixture in its `location`. Here, not in
 * api/test, so that the bench imports it without depending on the test files.
 */
import { readFile } from 'node:fs/promises';
import { addDays, easterSunday, type LocalDate, schoolYearOf, weekdayOf } from '../../domain/index.js';
import { readSchoolCalendarFile } from '../../modules/school-calendar/dataset.js';
import { importSchoolCalendar } from '../../modules/school-calendar/store.js';
import { SHIPPED_SCHOOL_CALENDAR } from '../../school-calendar-snapshot.js';
import type { Db } from '../database.js';

/** A little more than the demo seed's look-ahead (17 weeks before 31 August). */
const SEED_LOOKAHEAD_DAYS = 120;

export const FIXTURE_LOCATION = "TEST FIXTURE - invented dates, not the Ministry's";
const ZONES = ['Zone A', 'Zone B', 'Zone C'] as const;
const CODES: Record<(typeof ZONES)[number], string> = { 'Zone A': 'A', 'Zone B': 'B', 'Zone C': 'C' };

/** The first Saturday on or after `date`. */
function saturdayFrom(date: LocalDate): LocalDate {
  return addDays(date, (6 - weekdayOf(date) + 7) % 7);
}

/** The Paris offset of a date at midnight, as the dataset writes it ("+01:00" or "+02:00"). */
function parisMidnight(date: LocalDate): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${date}T00:00:00${name === undefined || name === 'GMT' ? '+00:00' : name.slice(3)}`;
}

/** Rows (fin des cours, reprise des cours) of one invented school year in one zone. */
function yearRows(schoolYear: string, zoneIndex: number): [string, LocalDate, LocalDate | null][] {
  const y = Number(schoolYear.slice(0, 4));
  const toussaint = saturdayFrom(`${y}-10-17`);
  const noel = saturdayFrom(`${y}-12-17`);
  const hiver = addDays(saturdayFrom(`${y + 1}-02-06`), 7 * zoneIndex);
  const printemps = addDays(saturdayFrom(`${y + 1}-04-03`), 7 * zoneIndex);
  const ascension = addDays(easterSunday(y + 1), 39);
  return [
    ['Vacances de la Toussaint', toussaint, addDays(toussaint, 16)],
    ['Vacances de Noël', noel, addDays(noel, 16)],
    ["Vacances d'Hiver", hiver, addDays(hiver, 16)],
    ['Vacances de Printemps', printemps, addDays(printemps, 16)],
    ["Pont de l'Ascension", addDays(ascension, -1), addDays(ascension, 4)],
    ["Vacances d'Été", saturdayFrom(`${y + 1}-07-01`), `${y + 1}-09-01`],
  ];
}

/** A dataset CSV for the given school years and mainland zones, every row labelled as a fixture. */
export function fixtureCalendarCsv(schoolYears: readonly string[], zones: readonly (typeof ZONES)[number][] = ZONES): string {
  const lines = ['description;population;start_date;end_date;location;zones;annee_scolaire'];
  for (const schoolYear of schoolYears) {
    for (const zone of zones) {
      for (const [description, end, resume] of yearRows(schoolYear, ZONES.indexOf(zone))) {
        lines.push(
          [description, '-', parisMidnight(end), resume ? parisMidnight(resume) : '', FIXTURE_LOCATION, zone, schoolYear].join(
            ';',
          ),
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** "2027-2028" → "2028-2029". */
export function nextSchoolYear(schoolYear: string): string {
  const y = Number(schoolYear.slice(0, 4)) + 1;
  return `${y}-${y + 1}`;
}

/**
 * Imports the fixture for the school years after the shipped snapshot up to the one containing
 * `today` + 120 days (from May the demo seed also opens the next school year), for zones A, B
 * and C (those of the demo towns); nothing when the snapshot covers them, and never over a year
 * the database has. Returns the school years it wrote; the caller says it imported them.
 */
export async function installFixtureSchoolCalendar(db: Db, today: LocalDate): Promise<string[]> {
  const missing = await missingSchoolCalendar(today);
  if (!missing) return [];
  const outcome = await importSchoolCalendar(
    db,
    readSchoolCalendarFile(missing.csv),
    'TEST FIXTURE api/src/db/seed/school-calendar-fixture.ts',
    { onlyMissing: true },
  );
  // What this call wrote: a second call (the bench sets up several rushes) has nothing to say.
  return [...new Set(outcome.written.flatMap((w) => w.schoolYears))].sort();
}

/**
 * The fixture CSV for what the shipped snapshot lacks up to `today` + 120 days (as
 * `installFixtureSchoolCalendar` imports it), or null when the snapshot covers it: what an
 * end-to-end test hands to `foyer school-calendar import`.
 */
export async function missingSchoolCalendar(today: LocalDate): Promise<{ csv: string; schoolYears: string[] } | null> {
  const shipped = readSchoolCalendarFile(await readFile(SHIPPED_SCHOOL_CALENDAR, 'utf8'));
  const target = schoolYearOf(addDays(today, SEED_LOOKAHEAD_DAYS));
  const missing = new Map<(typeof ZONES)[number], string[]>();
  for (const zone of ZONES) {
    const years = [...(shipped.years.get(CODES[zone] as 'A')?.keys() ?? [])].sort();
    const wanted: string[] = [];
    for (let year = nextSchoolYear(years.at(-1) ?? '2024-2025'); year <= target; year = nextSchoolYear(year)) wanted.push(year);
    if (wanted.length > 0) missing.set(zone, wanted);
  }
  const all = [...new Set([...missing.values()].flat())].sort();
  if (all.length === 0) return null;
  return { csv: fixtureCalendarCsv(all, [...missing.keys()]), schoolYears: all };
}
