import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachDate, epochDayOf, fromEpochDay } from './local-date.js';
import { fixtureCalendar } from './school-holidays.fixture.js';
import {
  firstUncoveredDate,
  isCovered,
  isSchoolYear,
  SCHOOL_ZONES,
  schoolCalendarOf,
  schoolHolidayOn,
  schoolHolidaysBetween,
  schoolYearOf,
  schoolYearRange,
  UNKNOWN_SCHOOL_CALENDAR,
} from './school-holidays.js';

const zoneA = fixtureCalendar('A');
const zoneB = fixtureCalendar('B');
const dateIn = (from: string, to: string) => fc.integer({ min: epochDayOf(from), max: epochDayOf(to) }).map(fromEpochDay);

describe('school zones', () => {
  it('has the mainland zones, Corsica and every overseas académie', () => {
    expect(SCHOOL_ZONES).toEqual(expect.arrayContaining(['A', 'B', 'C', 'corse', 'la-reunion', 'mayotte', 'wallis-et-futuna']));
    expect(SCHOOL_ZONES).toHaveLength(13);
  });
});

describe('school years', () => {
  it('runs from 1 September to 31 August', () => {
    expect(schoolYearRange('2026-2027')).toEqual({ from: '2026-09-01', to: '2027-08-31' });
    expect(schoolYearOf('2026-09-01')).toBe('2026-2027');
    expect(schoolYearOf('2027-08-31')).toBe('2026-2027');
    expect(isSchoolYear('2026-2028')).toBe(false);
    expect(() => schoolYearRange('2026')).toThrow(RangeError);
  });

  it('puts every date in the school year whose range holds it', () => {
    fc.assert(
      fc.property(dateIn('2020-01-01', '2035-12-31'), (date) => {
        const range = schoolYearRange(schoolYearOf(date));
        expect(range.from <= date && date <= range.to).toBe(true);
      }),
    );
  });
});

describe('schoolHolidayOn', () => {
  it('starts the day after classes end and ends the day before they resume', () => {
    expect(schoolHolidayOn('2026-10-17', zoneA)).toBeNull();
    expect(schoolHolidayOn('2026-10-18', zoneA)).toEqual({ name: 'Vacances de la Toussaint' });
    expect(schoolHolidayOn('2026-11-01', zoneB)?.name).toBe('Vacances de la Toussaint');
    expect(schoolHolidayOn('2026-11-02', zoneB)).toBeNull();
  });

  it('follows each zone', () => {
    expect(schoolHolidayOn('2027-02-15', zoneA)?.name).toBe("Vacances d'hiver");
    expect(schoolHolidayOn('2027-02-15', zoneB)).toBeNull();
  });

  it('keeps the summer to the day before the rentrée, and a holiday to the day before a Tuesday reprise', () => {
    expect(schoolHolidayOn('2027-09-01', zoneA)?.name).toBe("Vacances d'été");
    expect(schoolHolidayOn('2027-09-02', zoneA)).toBeNull();
    expect(schoolHolidayOn('2028-05-08', zoneA)?.name).toBe('Vacances de printemps');
    expect(schoolHolidayOn('2028-05-09', zoneA)).toBeNull();
  });

  it('rejects a malformed date', () => {
    expect(() => schoolHolidayOn('2026-02-30', zoneA)).toThrow(RangeError);
  });
});

describe('coverage', () => {
  it('answers only for the imported school years', () => {
    expect(isCovered('2025-09-01', zoneA)).toBe(true);
    expect(isCovered('2027-09-01', zoneA)).toBe(true);
    expect(isCovered('2028-08-31', zoneA)).toBe(true);
    expect(isCovered('2028-09-01', zoneA)).toBe(false);
    expect(isCovered('2025-08-31', zoneA)).toBe(false);
    expect(isCovered('2026-10-19', UNKNOWN_SCHOOL_CALENDAR)).toBe(false);
  });

  it('finds the first date the calendar does not answer for', () => {
    expect(firstUncoveredDate('2026-12-01', '2028-06-30', zoneA)).toBeNull();
    expect(firstUncoveredDate('2026-12-01', '2028-12-31', zoneA)).toBe('2028-09-01');
    expect(firstUncoveredDate('2026-12-01', '2026-12-31', UNKNOWN_SCHOOL_CALENDAR)).toBe('2026-12-01');
  });

  it('merges consecutive school years and keeps gaps', () => {
    const calendar = schoolCalendarOf([], ['2029-2030', '2026-2027', '2027-2028']);
    expect(calendar.covered).toEqual([
      { from: '2026-09-01', to: '2028-08-31' },
      { from: '2029-09-01', to: '2030-08-31' },
    ]);
    expect(firstUncoveredDate('2026-09-01', '2030-01-01', calendar)).toBe('2028-09-01');
  });

  it('agrees with isCovered day by day', () => {
    fc.assert(
      fc.property(dateIn('2024-06-01', '2028-06-01'), fc.integer({ min: 0, max: 500 }), (from, length) => {
        const to = fromEpochDay(epochDayOf(from) + length);
        const expected = eachDate(from, to).find((date) => !isCovered(date, zoneA)) ?? null;
        expect(firstUncoveredDate(from, to, zoneA)).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });
});

describe('schoolHolidaysBetween', () => {
  it('lists whole periods overlapping the range, in date order', () => {
    const [christmas] = schoolHolidaysBetween('2027-01-03', '2027-01-10', zoneB);
    expect(christmas).toMatchObject({ name: 'Vacances de Noël', from: '2026-12-20', to: '2027-01-03' });
    expect(schoolHolidaysBetween('2027-01-04', '2027-01-10', zoneB)).toEqual([]);
  });

  it('agrees with schoolHolidayOn', () => {
    fc.assert(
      fc.property(dateIn('2025-09-01', '2028-08-31'), fc.integer({ min: 0, max: 60 }), (from, length) => {
        const to = fromEpochDay(epochDayOf(from) + length);
        const named = new Set(eachDate(from, to).flatMap((date) => schoolHolidayOn(date, zoneA)?.name ?? []));
        expect(new Set(schoolHolidaysBetween(from, to, zoneA).map((p) => p.name))).toEqual(named);
      }),
      { numRuns: 100 },
    );
  });
});
