/**
 * Reads the Ministry's open dataset "Calendrier scolaire" (`fr-en-calendrier-scolaire` on
 * data.education.gouv.fr, also listed on data.gouv.fr as "Le calendrier scolaire") in its CSV
 * (`;`) or JSON export, into the days without school of each zone and school year.
 *
 * Verified (December 2026, with the search tool) from the dataset's description on data.gouv.fr
 * ("Le départ en vacances a lieu après la classe des jours indiqués. La reprise des cours
 * s'effectue le matin des jours indiqués.") and from rows of its JSON export quoted in public
 * code (e.g. `{"description": "Vacances de Noël", "population": "-", "start_date":
 * "2025-12-20T00:00:00+01:00", "end_date": "2026-01-05T00:00:00+01:00", "location": "Bordeaux",
 * "zones": "Zone A", "annee_scolaire": "2025-2026"}`): `start_date` is the day classes END (in the
 * evening) and `end_date` the day they RESUME (in the morning). So the days without school are
 * start + 1 … end − 1, the convention of `domain/school-holidays.ts`. Older exports write the same
 * local midnight in UTC ("2025-12-19T23:00:00+00:00"): any instant is rounded to the nearest UTC
 * midnight, which is the local date for every zone from UTC−11 to UTC+12 (Polynésie to Wallis).
 *
 * Rows for teachers only (`population` "Enseignants") are ignored; so are rows that are not a
 * holiday (no end date), except a summer holiday whose end (the next rentrée) is not published
 * yet, which runs to 31 August, the end of its school year.
 */
import {
  addDays,
  fromEpochDay,
  isLocalDate,
  isSchoolYear,
  type LocalDate,
  SCHOOL_ZONES,
  type SchoolHolidayPeriod,
  type SchoolZone,
  schoolYearRange,
} from '../../domain/index.js';

/** The dataset's fields, and the French column titles of the portal's "labels" export. */
const FIELDS = {
  description: ['description'],
  population: ['population'],
  start_date: ['start_date', 'date de debut'],
  end_date: ['end_date', 'date de fin'],
  location: ['location', 'academies', 'academie'],
  zones: ['zones', 'zone'],
  annee_scolaire: ['annee_scolaire', 'annee scolaire'],
} as const;
type Field = keyof typeof FIELDS;
type Row = Partial<Record<Field, string>>;

/** How the dataset names zones (normalised), to Foyer's codes. */
const ZONE_NAMES: Record<string, SchoolZone> = {
  'zone-a': 'A',
  'zone-b': 'B',
  'zone-c': 'C',
  corse: 'corse',
  guadeloupe: 'guadeloupe',
  guyane: 'guyane',
  martinique: 'martinique',
  mayotte: 'mayotte',
  reunion: 'la-reunion',
  'la-reunion': 'la-reunion',
  'nouvelle-caledonie': 'nouvelle-caledonie',
  polynesie: 'polynesie-francaise',
  'polynesie-francaise': 'polynesie-francaise',
  'saint-pierre-et-miquelon': 'saint-pierre-et-miquelon',
  'wallis-et-futuna': 'wallis-et-futuna',
};
for (const zone of SCHOOL_ZONES) ZONE_NAMES[zone.toLowerCase()] ??= zone;

/** A line of the file that cannot be read: where and why, for the operator. */
export interface DatasetProblem {
  /** 1-based line (CSV) or record number (JSON). */
  line: number;
  message: string;
}

/** What a file holds: per zone and school year, its holidays. */
export interface SchoolCalendarFile {
  format: 'csv' | 'json';
  /** `zone` → `schoolYear` → periods (deduplicated: the file repeats them per académie). */
  years: Map<SchoolZone, Map<string, SchoolHolidayPeriod[]>>;
  /** Rows read, and those left aside (teachers only, not a holiday). */
  rows: number;
  ignored: number;
  problems: DatasetProblem[];
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function fieldOf(header: string): Field | undefined {
  const name = normalise(header).replaceAll('-', ' ');
  const underscored = name.replaceAll(' ', '_');
  return (Object.keys(FIELDS) as Field[]).find((f) =>
    (FIELDS[f] as readonly string[]).some((n) => n === name || n === underscored),
  );
}

/** Splits `;`-separated text with RFC 4180 quoting ("a;""b""" is one field `a;"b"`). */
function csvRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
  return records;
}

function csvRows(text: string): { line: number; row: Row }[] {
  const [header, ...records] = csvRecords(text);
  if (header === undefined) return [];
  const fields = header.cells.map(fieldOf);
  return records.map(({ line, cells }) => {
    const row: Row = {};
    cells.forEach((value, i) => {
      const field = fields[i];
      if (field !== undefined) row[field] = value.trim();
    });
    return { line, row };
  });
}

function jsonRows(text: string): { line: number; row: Row }[] {
  const parsed: unknown = JSON.parse(text);
  // The export is an array; the explore API wraps it in `results` (v2) or `records[].fields` (v1).
  const list: unknown[] = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { results?: unknown }).results)
      ? (parsed as { results: unknown[] }).results
      : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { records?: unknown }).records)
        ? (parsed as { records: { fields?: unknown }[] }).records.map((r) => r.fields)
        : [];
  return list.map((item, index) => {
    const row: Row = {};
    if (typeof item === 'object' && item !== null) {
      for (const [key, value] of Object.entries(item)) {
        const field = fieldOf(key);
        if (field !== undefined && (typeof value === 'string' || typeof value === 'number')) row[field] = String(value).trim();
      }
    }
    return { line: index + 1, row };
  });
}

const DAY_MS = 86_400_000;

/** The local date a dataset value names: the written date at local midnight, else the nearest UTC midnight. */
export function datasetDay(value: string): LocalDate | null {
  const written = /^(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (written?.[1] !== undefined) return isLocalDate(written[1]) ? written[1] : null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/T\d{2}:\d{2}/.test(value)) return null;
  return fromEpochDay(Math.floor((ms + DAY_MS / 2) / DAY_MS));
}

/**
 * The names parents read, in French typography (the dataset capitalises "Vacances d'Été"):
 * the usual periods get one spelling whatever the export wrote; any other keeps its own.
 */
const NAMES: Record<string, string> = {
  'vacances-de-la-toussaint': 'Vacances de la Toussaint',
  'vacances-de-noel': 'Vacances de Noël',
  'vacances-d-hiver': "Vacances d'hiver",
  'vacances-de-printemps': 'Vacances de printemps',
  'pont-de-l-ascension': "Pont de l'Ascension",
  'vacances-d-ete': "Vacances d'été",
};

function isSummer(description: string): boolean {
  return /\bete\b/.test(normalise(description).replaceAll('-', ' '));
}

/** Reads a CSV or JSON export (detected from its first character); never throws on bad rows, lists them. */
export function readSchoolCalendarFile(content: string): SchoolCalendarFile {
  const text = content.replace(/^\uFEFF/, '');
  const format = /^\s*[[{]/.test(text) ? 'json' : 'csv';
  const problems: DatasetProblem[] = [];
  let rows: { line: number; row: Row }[];
  try {
    rows = format === 'json' ? jsonRows(text) : csvRows(text);
  } catch (err) {
    return {
      format,
      years: new Map(),
      rows: 0,
      ignored: 0,
      problems: [{ line: 1, message: `not valid JSON: ${(err as Error).message}` }],
    };
  }
  if (format === 'csv' && rows.length > 0 && !rows.some(({ row }) => row.zones !== undefined)) {
    problems.push({
      line: 1,
      message: 'no "zones" column: is this the fr-en-calendrier-scolaire export, with ";" between columns?',
    });
  }
  const years = new Map<SchoolZone, Map<string, Map<string, SchoolHolidayPeriod>>>();
  let ignored = 0;
  for (const { line, row } of rows) {
    const problem = (message: string) => problems.push({ line, message });
    if (normalise(row.population ?? '') === 'enseignants') {
      ignored++;
      continue;
    }
    const description = row.description ?? '';
    const zoneName = row.zones ?? '';
    const zone = ZONE_NAMES[normalise(zoneName)];
    const schoolYear = row.annee_scolaire ?? '';
    const start = datasetDay(row.start_date ?? '');
    if (description === '') problem('the description is empty');
    if (zone === undefined) problem(`unknown zone ${JSON.stringify(zoneName)}`);
    if (!isSchoolYear(schoolYear)) problem(`annee_scolaire must be like "2026-2027", not ${JSON.stringify(schoolYear)}`);
    if (start === null) problem(`start_date is not a date: ${JSON.stringify(row.start_date ?? '')}`);
    if (description === '' || zone === undefined || !isSchoolYear(schoolYear) || start === null) continue;
    let to: LocalDate;
    if ((row.end_date ?? '') === '') {
      if (!isSummer(description)) {
        ignored++;
        continue;
      }
      to = schoolYearRange(schoolYear).to;
    } else {
      const end = datasetDay(row.end_date ?? '');
      if (end === null) {
        problem(`end_date is not a date: ${JSON.stringify(row.end_date)}`);
        continue;
      }
      if (end < start) {
        problem(`end_date ${end} is before start_date ${start}`);
        continue;
      }
      to = addDays(end, -1);
    }
    const from = addDays(start, 1);
    if (to < from) {
      ignored++;
      continue;
    }
    const byYear = years.get(zone) ?? new Map<string, Map<string, SchoolHolidayPeriod>>();
    years.set(zone, byYear);
    const periods = byYear.get(schoolYear) ?? new Map<string, SchoolHolidayPeriod>();
    byYear.set(schoolYear, periods);
    const name = NAMES[normalise(description)] ?? description;
    periods.set(`${from}|${to}|${name}`, { name, from, to, schoolYear });
  }
  const result = new Map<SchoolZone, Map<string, SchoolHolidayPeriod[]>>();
  for (const [zone, byYear] of years) {
    result.set(zone, new Map([...byYear].map(([year, periods]) => [year, [...periods.values()]])));
  }
  return { format, years: result, rows: rows.length, ignored, problems };
}
