/**
 * The school calendars in the database: importing a dataset file (replacing the zones and
 * school years it holds), loading a zone's calendar for the rules, and saying what is covered.
 */
import { readFile } from 'node:fs/promises';
import type { Db } from '../../db/database.js';
import {
  type LocalDate,
  type SchoolCalendar,
  type SchoolHolidayPeriod,
  type SchoolZone,
  schoolCalendarOf,
  schoolYearRange,
} from '../../domain/index.js';
import { SHIPPED_SCHOOL_CALENDAR } from '../../school-calendar-snapshot.js';
import { readSchoolCalendarFile, type SchoolCalendarFile } from './dataset.js';

/** Per zone, the school years now in the database and the dates they cover. */
export interface ZoneCoverage {
  zone: SchoolZone;
  schoolYears: string[];
  from: LocalDate;
  to: LocalDate;
}

/** What an import changed: per zone, the school years written. */
export interface ImportOutcome {
  written: { zone: SchoolZone; schoolYears: string[]; periods: number }[];
  skipped: { zone: SchoolZone; schoolYears: string[] }[];
}

/**
 * Writes the periods of every zone and school year in `file`, replacing what the database had
 * for exactly those (other years and zones stay). With `onlyMissing`, years already present are
 * left alone: how the shipped snapshot fills a database without undoing an operator's import.
 * One transaction: all or nothing.
 */
export async function importSchoolCalendar(
  db: Db,
  file: SchoolCalendarFile,
  source: string,
  options: { onlyMissing?: boolean } = {},
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const outcome: ImportOutcome = { written: [], skipped: [] };
    const present = await trx.selectFrom('school_calendar_years').select(['zone', 'school_year']).execute();
    const has = new Set(present.map((p) => `${p.zone}|${p.school_year}`));
    for (const [zone, byYear] of [...file.years].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const written: string[] = [];
      const skipped: string[] = [];
      let count = 0;
      for (const [schoolYear, periods] of [...byYear].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (options.onlyMissing && has.has(`${zone}|${schoolYear}`)) {
          skipped.push(schoolYear);
          continue;
        }
        await trx.deleteFrom('school_calendar_years').where('zone', '=', zone).where('school_year', '=', schoolYear).execute();
        await trx.insertInto('school_calendar_years').values({ zone, school_year: schoolYear, source }).execute();
        if (periods.length > 0) {
          await trx
            .insertInto('school_holidays')
            .values(periods.map((p) => ({ zone, school_year: schoolYear, name: p.name, from_date: p.from, to_date: p.to })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        written.push(schoolYear);
        count += periods.length;
      }
      if (written.length > 0) outcome.written.push({ zone, schoolYears: written, periods: count });
      if (skipped.length > 0) outcome.skipped.push({ zone, schoolYears: skipped });
    }
    return outcome;
  });
}

/** Loads the shipped snapshot's years the database lacks; a broken snapshot is a bug of the release. */
export async function installShippedSchoolCalendar(db: Db): Promise<ImportOutcome> {
  const file = readSchoolCalendarFile(await readFile(SHIPPED_SCHOOL_CALENDAR, 'utf8'));
  if (file.problems.length > 0) {
    throw new Error(`the shipped school calendar is invalid: line ${file.problems[0]?.line}: ${file.problems[0]?.message}`);
  }
  return importSchoolCalendar(db, file, 'snapshot api/data/calendrier-scolaire.csv', { onlyMissing: true });
}

/** The school calendar of `zone` as the rules take it: its periods and the school years covered. */
export async function loadSchoolCalendar(db: Db, zone: SchoolZone): Promise<SchoolCalendar> {
  const [years, rows] = await Promise.all([
    db.selectFrom('school_calendar_years').select('school_year').where('zone', '=', zone).execute(),
    db
      .selectFrom('school_holidays')
      .select(['name', 'from_date', 'to_date', 'school_year'])
      .where('zone', '=', zone)
      .orderBy('from_date')
      .execute(),
  ]);
  const periods: SchoolHolidayPeriod[] = rows.map((r) => ({
    name: r.name,
    from: r.from_date,
    to: r.to_date,
    schoolYear: r.school_year,
  }));
  return schoolCalendarOf(
    periods,
    years.map((y) => y.school_year),
  );
}

/** Every zone with a calendar, its school years and the dates from the first to the last. */
export async function schoolCalendarCoverage(db: Db): Promise<ZoneCoverage[]> {
  const rows = await db
    .selectFrom('school_calendar_years')
    .select(['zone', 'school_year'])
    .orderBy('zone')
    .orderBy('school_year')
    .execute();
  const byZone = new Map<SchoolZone, string[]>();
  for (const row of rows) byZone.set(row.zone, [...(byZone.get(row.zone) ?? []), row.school_year]);
  return [...byZone].map(([zone, schoolYears]) => ({
    zone,
    schoolYears,
    from: schoolYearRange(schoolYears[0] ?? '').from,
    to: schoolYearRange(schoolYears.at(-1) ?? '').to,
  }));
}
