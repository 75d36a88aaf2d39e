import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureCalendar } from '../../domain/school-holidays.fixture.js';
import { SHIPPED_SCHOOL_CALENDAR } from '../../school-calendar-snapshot.js';
import { datasetDay, readSchoolCalendarFile } from './dataset.js';

const HEADER = 'description;population;start_date;end_date;location;zones;annee_scolaire';

describe('datasetDay', () => {
  it('reads the local date of a local midnight, whatever the offset', () => {
    expect(datasetDay('2025-12-20T00:00:00+01:00')).toBe('2025-12-20');
    expect(datasetDay('2025-12-19T23:00:00+00:00')).toBe('2025-12-20');
    expect(datasetDay('2025-12-19T20:00:00+00:00')).toBe('2025-12-20'); // La Réunion, UTC+4
    expect(datasetDay('2025-12-20T10:00:00+00:00')).toBe('2025-12-20'); // Polynésie, UTC−10
    expect(datasetDay('2025-12-20')).toBe('2025-12-20');
    expect(datasetDay('20/12/2025')).toBeNull();
    expect(datasetDay('2025-02-30')).toBeNull();
  });
});

describe('readSchoolCalendarFile', () => {
  it('turns "classes end in the evening of start, resume in the morning of end" into the days without school', () => {
    const csv = [
      HEADER,
      'Vacances de Noël;-;2025-12-20T00:00:00+01:00;2026-01-05T00:00:00+01:00;Bordeaux;Zone A;2025-2026',
      'Vacances de Noël;-;2025-12-20T00:00:00+01:00;2026-01-05T00:00:00+01:00;Lyon;Zone A;2025-2026',
      "Vacances d'Été;Élèves;2026-07-04T00:00:00+02:00;;Corse;Corse;2025-2026",
      'Vacances de Noël;Enseignants;2025-12-19T00:00:00+01:00;2026-01-05T00:00:00+01:00;Bordeaux;Zone A;2025-2026',
      'Rentrée scolaire des élèves;-;2026-09-01T00:00:00+02:00;;Bordeaux;Zone A;2026-2027',
    ].join('\r\n');
    const file = readSchoolCalendarFile(csv);
    expect(file).toMatchObject({ format: 'csv', rows: 5, ignored: 2, problems: [] });
    expect(file.years.get('A')?.get('2025-2026')).toEqual([
      { name: 'Vacances de Noël', from: '2025-12-21', to: '2026-01-04', schoolYear: '2025-2026' },
    ]);
    // A summer whose rentrée is not published runs to the end of its school year.
    expect(file.years.get('corse')?.get('2025-2026')).toEqual([
      { name: "Vacances d'été", from: '2026-07-05', to: '2026-08-31', schoolYear: '2025-2026' },
    ]);
  });

  it('reads the JSON export, the explore API answers, a BOM and quoted cells alike', () => {
    const row = {
      description: 'Vacances de la Toussaint',
      population: '-',
      start_date: '2026-10-17T00:00:00+02:00',
      end_date: '2026-11-02T00:00:00+01:00',
      location: 'La Réunion',
      zones: 'Réunion',
      annee_scolaire: '2026-2027',
    };
    const expected = [{ name: 'Vacances de la Toussaint', from: '2026-10-18', to: '2026-11-01', schoolYear: '2026-2027' }];
    for (const text of [
      JSON.stringify([row]),
      JSON.stringify({ results: [row] }),
      JSON.stringify({ records: [{ fields: row }] }),
    ]) {
      const file = readSchoolCalendarFile(text);
      expect(file.format).toBe('json');
      expect(file.years.get('la-reunion')?.get('2026-2027')).toEqual(expected);
    }
    const csv = `\uFEFF${HEADER}\n"Vacances de la Toussaint";"-";2026-10-17T00:00:00+02:00;2026-11-02T00:00:00+01:00;"Saint-Denis; La Réunion";Réunion;2026-2027\n`;
    expect(readSchoolCalendarFile(csv).years.get('la-reunion')?.get('2026-2027')).toEqual(expected);
  });

  it('knows every overseas académie and Corsica by the names the dataset uses', () => {
    const names = ['Corse', 'Guadeloupe', 'Guyane', 'Martinique', 'Mayotte', 'Nouvelle Calédonie', 'Polynésie', 'Réunion'];
    const more = ['Saint Pierre et Miquelon', 'Wallis et Futuna'];
    const csv = [HEADER, ...[...names, ...more].map((z) => `Vacances de Noël;-;2026-12-19;2027-01-04;x;${z};2026-2027`)].join(
      '\n',
    );
    const file = readSchoolCalendarFile(csv);
    expect(file.problems).toEqual([]);
    expect([...file.years.keys()].sort()).toEqual([
      'corse',
      'guadeloupe',
      'guyane',
      'la-reunion',
      'martinique',
      'mayotte',
      'nouvelle-caledonie',
      'polynesie-francaise',
      'saint-pierre-et-miquelon',
      'wallis-et-futuna',
    ]);
  });

  it('lists every bad row with its line and why', () => {
    const csv = [
      HEADER,
      'Vacances de Noël;-;2026-12-19;2027-01-04;x;Zone D;2026-2027',
      'Vacances de Noël;-;19/12/2026;2027-01-04;x;Zone A;2026-2027',
      'Vacances de Noël;-;2026-12-19;2026-12-01;x;Zone A;2026-2027',
      'Vacances de Noël;-;2026-12-19;2027-01-04;x;Zone A;2026',
    ].join('\n');
    expect(readSchoolCalendarFile(csv).problems).toEqual([
      { line: 2, message: 'unknown zone "Zone D"' },
      { line: 3, message: 'start_date is not a date: "19/12/2026"' },
      { line: 4, message: 'end_date 2026-12-01 is before start_date 2026-12-19' },
      { line: 5, message: 'annee_scolaire must be like "2026-2027", not "2026"' },
    ]);
    expect(readSchoolCalendarFile('{"not json').problems[0]?.message).toMatch(/^not valid JSON/);
    expect(readSchoolCalendarFile('a,b,c\n1,2,3\n').problems[0]?.message).toContain('no "zones" column');
  });
});

describe('the shipped snapshot (api/data/calendrier-scolaire.csv)', () => {
  const file = readSchoolCalendarFile(readFileSync(SHIPPED_SCHOOL_CALENDAR, 'utf8'));

  it('reads without a problem and has zones A, B, C and Corsica', () => {
    expect(file.problems).toEqual([]);
    expect([...file.years.keys()].sort()).toEqual(['A', 'B', 'C', 'corse']);
    expect([...(file.years.get('C')?.keys() ?? [])].sort()).toEqual(['2025-2026', '2026-2027', '2027-2028']);
  });

  it('holds for A, B and C exactly the periods of the official calendar quoted in the domain fixture', () => {
    for (const zone of ['A', 'B', 'C'] as const) {
      const shipped = [...(file.years.get(zone)?.values() ?? [])].flat().sort((a, b) => (a.from < b.from ? -1 : 1));
      expect(shipped).toEqual(fixtureCalendar(zone).periods);
    }
  });
});
