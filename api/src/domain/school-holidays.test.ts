import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, eachDate, epochDayOf, fromEpochDay, isWithin, weekdayOf } from './local-date.js';
import { publicHolidayOn } from './public-holidays.js';
import {
  isCovered,
  SCHOOL_HOLIDAY_COVERAGE,
  SCHOOL_HOLIDAYS,
  type SchoolZone,
  schoolHolidayOn,
  schoolHolidaysBetween,
} from './school-holidays.js';

const zones: SchoolZone[] = ['A', 'B', 'C'];
const zone = fc.constantFrom<SchoolZone>(...zones);
const coveredDate = fc
  .integer({ min: epochDayOf(SCHOOL_HOLIDAY_COVERAGE.from), max: epochDayOf(SCHOOL_HOLIDAY_COVERAGE.to) })
  .map(fromEpochDay);

describe('schoolHolidayOn', () => {
  it('starts the Toussaint 2026 the day after classes end on Saturday 17 October', () => {
    for (const z of zones) {
      expect(schoolHolidayOn('2026-10-17', z)).toBeNull();
      expect(schoolHolidayOn('2026-10-18', z)).toEqual({ name: 'Vacances de la Toussaint', provisional: false });
      expect(schoolHolidayOn('2026-10-19', z)?.name).toBe('Vacances de la Toussaint');
    }
  });

  it('ends a holiday the day before classes resume', () => {
    expect(schoolHolidayOn('2026-11-01', 'B')?.name).toBe('Vacances de la Toussaint');
    expect(schoolHolidayOn('2026-11-02', 'B')).toBeNull();
    expect(schoolHolidayOn('2027-01-03', 'C')?.name).toBe('Vacances de Noël');
    expect(schoolHolidayOn('2027-01-04', 'C')).toBeNull();
  });

  it('staggers the winter holidays by zone', () => {
    expect(schoolHolidayOn('2026-02-09', 'A')?.name).toBe("Vacances d'hiver");
    expect(schoolHolidayOn('2026-02-09', 'B')).toBeNull();
    expect(schoolHolidayOn('2026-02-09', 'C')).toBeNull();
    expect(schoolHolidayOn('2026-03-06', 'C')?.name).toBe("Vacances d'hiver");
    expect(schoolHolidayOn('2027-02-08', 'C')?.name).toBe("Vacances d'hiver");
    expect(schoolHolidayOn('2027-02-08', 'A')).toBeNull();
    expect(schoolHolidayOn('2027-03-05', 'B')?.name).toBe("Vacances d'hiver");
  });

  it('staggers the spring holidays by zone', () => {
    expect(schoolHolidayOn('2026-04-13', 'A')?.name).toBe('Vacances de printemps');
    expect(schoolHolidayOn('2026-04-20', 'A')).toBeNull();
    expect(schoolHolidayOn('2026-04-20', 'B')?.name).toBe('Vacances de printemps');
    expect(schoolHolidayOn('2026-05-01', 'C')?.name).toBe('Vacances de printemps');
    expect(schoolHolidayOn('2027-04-05', 'C')?.name).toBe('Vacances de printemps');
    expect(schoolHolidayOn('2027-04-05', 'B')).toBeNull();
  });

  it('gives every zone the Friday after Ascension off', () => {
    for (const z of zones) {
      expect(schoolHolidayOn('2026-05-15', z)?.name).toBe("Pont de l'Ascension");
      expect(schoolHolidayOn('2027-05-07', z)?.name).toBe("Pont de l'Ascension");
      expect(schoolHolidayOn('2026-05-13', z)).toBeNull();
    }
  });

  it('runs the summer from the first Sunday of July to the day before the rentrée', () => {
    expect(schoolHolidayOn('2026-07-04', 'A')).toBeNull();
    expect(schoolHolidayOn('2026-07-06', 'A')?.name).toBe("Vacances d'été");
    expect(schoolHolidayOn('2026-08-31', 'A')?.name).toBe("Vacances d'été");
    expect(schoolHolidayOn('2026-09-01', 'A')).toBeNull();
  });

  it('flags the dates not yet published as provisional', () => {
    expect(schoolHolidayOn('2027-10-25', 'A')).toEqual({ name: 'Vacances de la Toussaint', provisional: true });
    expect(schoolHolidayOn('2027-07-05', 'A')).toEqual({ name: "Vacances d'été", provisional: true });
    expect(schoolHolidayOn('2027-04-12', 'A')?.provisional).toBe(false);
  });

  it('returns null outside the shipped data, which isCovered tells apart from a school day', () => {
    expect(schoolHolidayOn('2025-08-15', 'A')).toBeNull();
    expect(isCovered('2025-08-15')).toBe(false);
    expect(schoolHolidayOn('2030-08-01', 'A')).toBeNull();
    expect(isCovered('2030-08-01')).toBe(false);
    expect(isCovered('2025-09-01')).toBe(true);
    expect(isCovered('2028-06-30')).toBe(true);
    expect(isCovered('2028-07-01')).toBe(false);
  });

  it('refuses a malformed date instead of calling it a school day', () => {
    expect(() => schoolHolidayOn('2026-02-30', 'A')).toThrow(RangeError);
    expect(() => isCovered('26-10-2026')).toThrow(RangeError);
  });

  it('agrees with a scan of the periods', () => {
    fc.assert(
      fc.property(coveredDate, zone, (date, z) => {
        const period = SCHOOL_HOLIDAYS.find((p) => p.zones.includes(z) && isWithin(date, p));
        expect(schoolHolidayOn(date, z)).toEqual(
          period === undefined ? null : { name: period.name, provisional: period.provisional },
        );
      }),
    );
  });
});

describe('schoolHolidaysBetween', () => {
  it('lists the periods of a zone overlapping a school year, in order', () => {
    expect(schoolHolidaysBetween('2025-09-01', '2026-08-31', 'A').map((p) => `${p.name} ${p.from}`)).toEqual([
      'Vacances de la Toussaint 2025-10-19',
      'Vacances de Noël 2025-12-21',
      "Vacances d'hiver 2026-02-08",
      'Vacances de printemps 2026-04-05',
      "Pont de l'Ascension 2026-05-14",
      "Vacances d'été 2026-07-05",
    ]);
  });

  it('returns whole periods that only touch the range', () => {
    const [christmas] = schoolHolidaysBetween('2027-01-03', '2027-01-10', 'B');
    expect(christmas).toMatchObject({ name: 'Vacances de Noël', from: '2026-12-20', to: '2027-01-03' });
    expect(schoolHolidaysBetween('2027-01-04', '2027-01-10', 'B')).toEqual([]);
  });

  it('contains exactly the periods having a holiday date in the range', () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 0, max: 120 }), zone, (from, length, z) => {
        const to = addDays(from, length);
        const named = new Set(
          eachDate(from, to).flatMap((date) => {
            const holiday = schoolHolidayOn(date, z);
            return holiday === null ? [] : [holiday.name];
          }),
        );
        expect(new Set(schoolHolidaysBetween(from, to, z).map((p) => p.name))).toEqual(named);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the shipped calendar', () => {
  it('has, for each zone and school year, the five holidays and the Ascension bridge, without overlaps', () => {
    for (const z of zones) {
      const periods = SCHOOL_HOLIDAYS.filter((p) => p.zones.includes(z));
      for (const [index, period] of periods.entries()) {
        expect(period.from <= period.to).toBe(true);
        const next = periods[index + 1];
        if (next !== undefined) expect(daysBetween(period.to, next.from)).toBeGreaterThan(0);
      }
      for (const schoolYear of ['2025-2026', '2026-2027']) {
        expect(periods.filter((p) => p.schoolYear === schoolYear).map((p) => p.name)).toEqual([
          'Vacances de la Toussaint',
          'Vacances de Noël',
          "Vacances d'hiver",
          'Vacances de printemps',
          "Pont de l'Ascension",
          "Vacances d'été",
        ]);
      }
    }
  });

  it('starts each period after a Saturday (a Wednesday for the Ascension bridge) and resumes on a working day', () => {
    for (const period of SCHOOL_HOLIDAYS) {
      expect(weekdayOf(period.from)).toBe(period.name === "Pont de l'Ascension" ? 4 : 7);
      const resumption = addDays(period.to, 1);
      expect(weekdayOf(resumption)).toBeLessThanOrEqual(5);
      expect(publicHolidayOn(resumption)).toBeNull();
      if (weekdayOf(resumption) > 1 && period.name !== "Vacances d'été") {
        expect(publicHolidayOn(period.to)).not.toBeNull();
      }
    }
  });

  it('keeps the Toussaint, Christmas and summer holidays national', () => {
    for (const period of SCHOOL_HOLIDAYS) {
      if (['Vacances de la Toussaint', 'Vacances de Noël', "Vacances d'été"].includes(period.name)) {
        expect(period.zones).toEqual(['A', 'B', 'C']);
      }
    }
  });

  it('cannot be modified by callers', () => {
    expect(Object.isFrozen(SCHOOL_HOLIDAYS)).toBe(true);
    expect(Object.isFrozen(SCHOOL_HOLIDAYS[0])).toBe(true);
  });
});
