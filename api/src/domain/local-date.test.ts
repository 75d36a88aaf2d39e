import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addDaysCapped,
  compareLocalDates,
  daysBetween,
  eachDate,
  epochDayOf,
  fromEpochDay,
  isAfter,
  isBefore,
  isLocalDate,
  isoWeek,
  isWithin,
  localDateFromParts,
  maxDate,
  minDate,
  mondayOf,
  parseLocalDate,
  partsOf,
  weekdayOf,
} from './local-date.js';

/** Dates drawn through `Date` so the properties check this module against an independent calendar. */
const utcDate = fc.date({
  min: new Date('1601-01-01T00:00:00Z'),
  max: new Date('2399-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const localDate = utcDate.map((date) => date.toISOString().slice(0, 10));

describe('isLocalDate', () => {
  it('accepts existing dates written YYYY-MM-DD', () => {
    expect(isLocalDate('2026-07-18')).toBe(true);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2000-02-29')).toBe(true);
  });

  it('refuses days that do not exist', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('1900-02-29')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-00-10')).toBe(false);
    expect(isLocalDate('2026-01-00')).toBe(false);
  });

  it('refuses other shapes and types', () => {
    for (const value of ['2026-7-18', '18/07/2026', '2026-07-18T00:00', ' 2026-07-18', '２０２６-07-18', '', 20260718, null]) {
      expect(isLocalDate(value)).toBe(false);
    }
  });

  it('agrees with the UTC calendar on every date', () => {
    fc.assert(fc.property(localDate, (date) => isLocalDate(date)));
  });
});

describe('parseLocalDate and partsOf', () => {
  it('returns a valid date unchanged and names an invalid one in a RangeError', () => {
    expect(parseLocalDate('2026-07-18')).toBe('2026-07-18');
    expect(() => parseLocalDate('2026-02-30')).toThrow(RangeError);
    expect(() => partsOf('2026-02-30')).toThrow(/2026-02-30/);
  });

  it('splits a date into numbers', () => {
    expect(partsOf('2026-07-08')).toEqual({ year: 2026, month: 7, day: 8 });
  });

  it('builds zero-padded dates from parts and refuses impossible ones', () => {
    expect(localDateFromParts(987, 3, 5)).toBe('0987-03-05');
    expect(() => localDateFromParts(2026, 2, 29)).toThrow(RangeError);
    expect(() => localDateFromParts(10000, 1, 1)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
  });

  it('keeps years 0 to 99 in their century', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('refuses fractional days', () => {
    expect(() => addDays('2026-07-18', 0.5)).toThrow(RangeError);
  });

  it('agrees with Date arithmetic in UTC', () => {
    fc.assert(
      fc.property(utcDate, fc.integer({ min: -1000, max: 1000 }), (date, days) => {
        const expected = new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        expect(addDays(date.toISOString().slice(0, 10), days)).toBe(expected);
      }),
    );
  });

  it('is undone by the opposite shift and measured by daysBetween', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });

  it('round-trips through epoch days', () => {
    fc.assert(fc.property(localDate, (date) => fromEpochDay(epochDayOf(date)) === date));
  });

  it('stops a default period at 9999-12-31 when capped, where addDays refuses to go past it', () => {
    expect(addDaysCapped('2027-01-01', 30)).toBe('2027-01-31');
    expect(addDaysCapped('9999-12-25', 30)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('weekdayOf', () => {
  it('numbers weekdays the ISO way, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-07-20')).toBe(1);
    expect(weekdayOf('2026-07-22')).toBe(3);
    expect(weekdayOf('2026-07-26')).toBe(7);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-29')).toBe(1);
  });

  it('agrees with Date.getUTCDay', () => {
    fc.assert(fc.property(utcDate, (date) => weekdayOf(date.toISOString().slice(0, 10)) === (date.getUTCDay() || 7)));
  });
});

describe('eachDate', () => {
  it('lists every date, both ends included', () => {
    expect(eachDate('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(eachDate('2026-07-18', '2026-07-18')).toEqual(['2026-07-18']);
  });

  it('is empty when the range is reversed', () => {
    expect(eachDate('2026-07-19', '2026-07-18')).toEqual([]);
  });

  it('has one consecutive date per day of the range', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: 0, max: 400 }), (from, length) => {
        const dates = eachDate(from, addDays(from, length));
        expect(dates).toHaveLength(length + 1);
        for (const [index, date] of dates.entries()) expect(date).toBe(addDays(from, index));
      }),
      { numRuns: 50 },
    );
  });
});

describe('isoWeek and mondayOf', () => {
  it('gives the week printed on a forecast grid ("Semaine 29 du 18/07 au 22/07")', () => {
    expect(isoWeek('2022-07-18')).toEqual({ year: 2022, week: 29 });
    expect(isoWeek('2022-07-22')).toEqual({ year: 2022, week: 29 });
    expect(isoWeek('2026-07-20')).toEqual({ year: 2026, week: 30 });
  });

  it('puts early January in the previous year and late December in the next when the Thursday says so', () => {
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-03')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeek('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 });
  });

  it('finds the Monday of the week, the date itself on a Monday', () => {
    expect(mondayOf('2026-07-22')).toBe('2026-07-20');
    expect(mondayOf('2026-07-26')).toBe('2026-07-20');
    expect(mondayOf('2026-07-20')).toBe('2026-07-20');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('gives all days of a Monday-to-Sunday week the same week, and the next Monday the next one', () => {
    fc.assert(
      fc.property(localDate, (date) => {
        const monday = mondayOf(date);
        expect(weekdayOf(monday)).toBe(1);
        expect(daysBetween(monday, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(monday, date)).toBeLessThan(7);
        const week = isoWeek(date);
        expect(isoWeek(monday)).toEqual(week);
        expect(week.week).toBeGreaterThanOrEqual(1);
        expect(week.week).toBeLessThanOrEqual(53);
        const next = isoWeek(addDays(monday, 7));
        if (next.year === week.year) expect(next.week).toBe(week.week + 1);
        else expect(next).toEqual({ year: week.year + 1, week: 1 });
      }),
    );
  });
});

describe('comparisons', () => {
  it('orders, bounds and clamps dates', () => {
    expect(['2026-10-01', '2025-12-31', '2026-01-15'].sort(compareLocalDates)).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-10-01',
    ]);
    expect(isBefore('2026-07-17', '2026-07-18')).toBe(true);
    expect(isBefore('2026-07-18', '2026-07-18')).toBe(false);
    expect(isAfter('2026-07-19', '2026-07-18')).toBe(true);
    expect(isWithin('2026-07-18', { from: '2026-07-18', to: '2026-07-18' })).toBe(true);
    expect(isWithin('2026-07-19', { from: '2026-07-01', to: '2026-07-18' })).toBe(false);
    expect(minDate('2026-07-18', '2025-07-18')).toBe('2025-07-18');
    expect(maxDate('2026-07-18', '2025-07-18')).toBe('2026-07-18');
  });

  it('orders dates as the calendar does', () => {
    fc.assert(fc.property(localDate, localDate, (a, b) => Math.sign(compareLocalDates(a, b)) === Math.sign(daysBetween(b, a))));
  });
});
