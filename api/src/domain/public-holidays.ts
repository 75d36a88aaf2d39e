/**
 * French public holidays (jours fériés, Code du travail art. L3133-1), computed for any
 * Gregorian year with today's list: the rules are applied uniformly, not as they stood in
 * past centuries. Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds Good Friday and
 * 26 December (Code du travail art. L3134-13).
 */
import { epochDayFromParts, fromEpochDay, type LocalDate, localDateFromParts, partsOf } from './local-date.js';

/** Which local law applies; only Alsace-Moselle changes the list today. */
export interface PublicHolidayOptions {
  alsaceMoselle?: boolean;
}

const FIRST_GREGORIAN_EASTER_YEAR = 1583;

/**
 * Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher);
 * Ascension, Whit Monday and the Easter holidays all hang off it.
 */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_EASTER_YEAR || year > 9999) {
    throw new RangeError(`Easter is computed for Gregorian years ${FIRST_GREGORIAN_EASTER_YEAR}–9999, not ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDateFromParts(year, month, day);
}

function computeHolidays(year: number, alsaceMoselle: boolean): ReadonlyMap<LocalDate, string> {
  const easter = partsOf(easterSunday(year));
  const easterDay = epochDayFromParts(easter.year, easter.month, easter.day);
  const fromEaster = (offset: number) => fromEpochDay(easterDay + offset);
  const entries: [LocalDate, string][] = [
    [localDateFromParts(year, 1, 1), "Jour de l'An"],
    [fromEaster(1), 'Lundi de Pâques'],
    [localDateFromParts(year, 5, 1), 'Fête du Travail'],
    [localDateFromParts(year, 5, 8), 'Victoire 1945'],
    [fromEaster(39), 'Ascension'],
    [fromEaster(50), 'Lundi de Pentecôte'],
    [localDateFromParts(year, 7, 14), 'Fête nationale'],
    [localDateFromParts(year, 8, 15), 'Assomption'],
    [localDateFromParts(year, 11, 1), 'Toussaint'],
    [localDateFromParts(year, 11, 11), 'Armistice 1918'],
    [localDateFromParts(year, 12, 25), 'Noël'],
  ];
  if (alsaceMoselle) {
    entries.push([fromEaster(-2), 'Vendredi saint'], [localDateFromParts(year, 12, 26), 'Saint-Étienne']);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Ascension can fall on 1 or 8 May (2008, 1975): one day, both names.
  const holidays = new Map<LocalDate, string>();
  for (const [date, name] of entries) {
    const existing = holidays.get(date);
    holidays.set(date, existing === undefined ? name : `${existing}, ${name}`);
  }
  return holidays;
}

/** Holiday maps by year and law, so a school year's calendar computes Easter once per year, not per cell. */
const cache = new Map<string, ReadonlyMap<LocalDate, string>>();
const CACHE_LIMIT = 256;

function holidaysOf(year: number, alsaceMoselle: boolean): ReadonlyMap<LocalDate, string> {
  const key = `${year}:${alsaceMoselle ? 'am' : 'fr'}`;
  let holidays = cache.get(key);
  if (holidays === undefined) {
    holidays = computeHolidays(year, alsaceMoselle);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, holidays);
  }
  return holidays;
}

/**
 * The public holidays of `year` (1583–9999), in date order, with their French names
 * (`publicHolidaysOf(2026).get('2026-04-06') === 'Lundi de Pâques'`). The map is the caller's own copy.
 */
export function publicHolidaysOf(year: number, options: PublicHolidayOptions = {}): Map<LocalDate, string> {
  return new Map(holidaysOf(year, options.alsaceMoselle === true));
}

/** The French name of the public holiday on `date`, or null on an ordinary day. */
export function publicHolidayOn(date: LocalDate, options: PublicHolidayOptions = {}): string | null {
  return holidaysOf(partsOf(date).year, options.alsaceMoselle === true).get(date) ?? null;
}
