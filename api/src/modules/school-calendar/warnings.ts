/**
 * Running out is loud: a collectivity whose bookable range (its activities' seasons) reaches a
 * date its zone's school calendar does not cover is named at start and in the logs, a year
 * ahead, so that an operator imports the next school year before families meet closed days.
 */
import type { Db } from '../../db/database.js';
import { addDays, firstUncoveredDate, type LocalDate, minDate, type SchoolZone } from '../../domain/index.js';
import type { Logger } from '../../lib/logger.js';
import { loadSchoolCalendar } from './store.js';

/** How far ahead the warning looks. */
export const WARNING_DAYS = 365;

export interface SchoolCalendarWarning {
  collectivity: string;
  zone: SchoolZone;
  /** The first day families would see as `calendar_unknown`. */
  firstUnknownDate: LocalDate;
  /** The last day the collectivity's activities can be booked, within the year ahead. */
  bookableUntil: LocalDate;
}

/** The collectivities whose bookable days from `today` to a year ahead leave their zone's school calendar. */
export async function schoolCalendarWarnings(db: Db, today: LocalDate): Promise<SchoolCalendarWarning[]> {
  const horizon = addDays(today, WARNING_DAYS);
  // Only activities that follow the school holidays need them; an archived one books nothing.
  const rows = await db
    .selectFrom('collectivities as c')
    .innerJoin('activities as a', 'a.collectivity_id', 'c.id')
    .select(['c.slug', 'c.school_holiday_zone'])
    .select((eb) => eb.fn.max('a.season_to').as('season_to'))
    .where('a.archived_at', 'is', null)
    .where('a.school_holidays', '!=', 'open')
    .where('a.season_to', '>=', today)
    .groupBy(['c.slug', 'c.school_holiday_zone'])
    .orderBy('c.slug')
    .execute();
  const warnings: SchoolCalendarWarning[] = [];
  const calendars = new Map<SchoolZone, Awaited<ReturnType<typeof loadSchoolCalendar>>>();
  for (const row of rows) {
    const zone = row.school_holiday_zone;
    let calendar = calendars.get(zone);
    if (calendar === undefined) {
      calendar = await loadSchoolCalendar(db, zone);
      calendars.set(zone, calendar);
    }
    const bookableUntil = minDate(String(row.season_to), horizon);
    const firstUnknownDate = firstUncoveredDate(today, bookableUntil, calendar);
    if (firstUnknownDate !== null) warnings.push({ collectivity: row.slug, zone, firstUnknownDate, bookableUntil });
  }
  return warnings;
}

/** The warning in words, for the log and the start banner. */
export function describeWarning(w: SchoolCalendarWarning): string {
  return (
    `school calendar of zone ${w.zone} runs out for ${w.collectivity}: activities are bookable until ${w.bookableUntil} ` +
    `but the calendar stops before ${w.firstUnknownDate}; those days show as closed (calendar_unknown) until you run ` +
    '`npx foyer school-calendar import FILE` with the next school year'
  );
}

/** Logs every warning (level warn) and returns them. */
export async function warnAboutSchoolCalendars(db: Db, today: LocalDate, logger: Logger): Promise<SchoolCalendarWarning[]> {
  const warnings = await schoolCalendarWarnings(db, today);
  for (const w of warnings) logger.warn({ schoolCalendar: w }, describeWarning(w));
  return warnings;
}
