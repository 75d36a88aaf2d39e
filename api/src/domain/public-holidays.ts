/**
 * French public holidays (jours fériés, Code du travail art. L3133-1), computed for any
 * Gregorian year with today's list: the rules are applied uniformly, not as they stood in
 * past centuries. Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) adds Good Friday and
 * 26 December (Code du travail art. L3134-13).
 *
 * Overseas territories add their own days (`OVERSEAS`). Verified in December 2026 with the
 * search tool:
 * - abolition of slavery (loi n° 83-550 du 30 juin 1983; Code du travail art. L3422-2 on
 *   Légifrance; décret n° 83-1003 as amended by décret n° 2012-553 for Saint-Barthélemy and
 *   Saint-Martin): Mayotte 27 April, Martinique 22 May, Guadeloupe 27 May, Guyane 10 June,
 *   Saint-Barthélemy 9 October, La Réunion 20 December; Saint-Martin 28 May since the loi
 *   n° 2017-256 and the circular of 4 May 2018 (27 May before, as in Guadeloupe);
 * - Polynésie française: 5 March (arrivée de l'Évangile) and Good Friday (tahiti-infos.com,
 *   2023 and 2024). Its 29 June (fête de l'autonomie) is left out: its replacement by a
 *   November day was voted by the government in 2024 and was still in the assembly at the last
 *   source found, so neither date could be verified;
 * - Nouvelle-Calédonie: 24 September (fête de la citoyenneté).
 */
import { epochDayFromParts, fromEpochDay, type LocalDate, localDateFromParts, partsOf } from './local-date.js';

/** The overseas territories whose list of public holidays differs from the mainland's. */
export type OverseasTerritory =
  | 'guadeloupe'
  | 'guyane'
  | 'la-reunion'
  | 'martinique'
  | 'mayotte'
  | 'nouvelle-caledonie'
  | 'polynesie-francaise'
  | 'saint-barthelemy'
  | 'saint-martin';

/** Which local law applies: Alsace-Moselle, or an overseas territory. */
export interface PublicHolidayOptions {
  alsaceMoselle?: boolean;
  territory?: OverseasTerritory;
}

const SLAVERY = "Abolition de l'esclavage";

/** Each territory's own days: a fixed [month, day] or an offset from Easter Sunday, with a name. */
const OVERSEAS: Record<OverseasTerritory, readonly { date: readonly [number, number] | number; name: string }[]> = {
  guadeloupe: [{ date: [5, 27], name: SLAVERY }],
  guyane: [{ date: [6, 10], name: SLAVERY }],
  'la-reunion': [{ date: [12, 20], name: SLAVERY }],
  martinique: [{ date: [5, 22], name: SLAVERY }],
  mayotte: [{ date: [4, 27], name: SLAVERY }],
  'nouvelle-caledonie': [{ date: [9, 24], name: 'Fête de la citoyenneté' }],
  'polynesie-francaise': [
    { date: [3, 5], name: "Arrivée de l'Évangile" },
    { date: -2, name: 'Vendredi saint' },
  ],
  'saint-barthelemy': [{ date: [10, 9], name: SLAVERY }],
  'saint-martin': [{ date: [5, 28], name: SLAVERY }],
};

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

function computeHolidays(
  year: number,
  alsaceMoselle: boolean,
  territory: OverseasTerritory | undefined,
): ReadonlyMap<LocalDate, string> {
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
  for (const own of territory === undefined ? [] : OVERSEAS[territory]) {
    const date = typeof own.date === 'number' ? fromEaster(own.date) : localDateFromParts(year, own.date[0], own.date[1]);
    entries.push([date, own.name]);
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

function holidaysOf(year: number, options: PublicHolidayOptions): ReadonlyMap<LocalDate, string> {
  const alsaceMoselle = options.alsaceMoselle === true;
  const key = `${year}:${alsaceMoselle ? 'am' : 'fr'}:${options.territory ?? ''}`;
  let holidays = cache.get(key);
  if (holidays === undefined) {
    holidays = computeHolidays(year, alsaceMoselle, options.territory);
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
  return new Map(holidaysOf(year, options));
}

/** The French name of the public holiday on `date`, or null on an ordinary day. */
export function publicHolidayOn(date: LocalDate, options: PublicHolidayOptions = {}): string | null {
  return holidaysOf(partsOf(date).year, options).get(date) ?? null;
}

/**
 * The territory whose public holidays a school zone's towns keep. Saint-Martin and
 * Saint-Barthélemy belong to the académie of Guadeloupe but have their own day: a town there
 * is set with its territory, not derived from the zone.
 */
export function territoryOfZone(zone: string): OverseasTerritory | undefined {
  const byZone: Record<string, OverseasTerritory> = {
    guadeloupe: 'guadeloupe',
    guyane: 'guyane',
    'la-reunion': 'la-reunion',
    martinique: 'martinique',
    mayotte: 'mayotte',
    'nouvelle-caledonie': 'nouvelle-caledonie',
    'polynesie-francaise': 'polynesie-francaise',
  };
  return byZone[zone];
}
