import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './local-date.js';
import { timeOfDayFromMinutes } from './time-of-day.js';
import { instantAt, isTimeZone, localDateOf, localTimeOf } from './zoned-time.js';

const PARIS = 'Europe/Paris';
const iso = (date: string, time: string, timeZone: string) => instantAt(date, time, timeZone).toISOString();
const wallClock = (instant: Date, timeZone: string) => `${localDateOf(instant, timeZone)}T${localTimeOf(instant, timeZone)}`;

const date = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const time = fc.integer({ min: 0, max: 24 * 60 - 1 }).map(timeOfDayFromMinutes);
/** Zones French towns use, and a few with unusual rules: southern DST, half-hour offsets and a half-hour DST. */
const timeZone = fc.constantFrom(
  PARIS,
  'America/Cayenne',
  'Indian/Reunion',
  'America/Martinique',
  'Pacific/Noumea',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
);
/** The days around the DST changes the product must get right. */
const dstChangeDate = fc
  .tuple(fc.constantFrom('2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'), fc.integer({ min: -1, max: 1 }))
  .map(([change, shift]) => addDays(change, shift));
/** Times around 02:00–03:00, where the Paris clocks jump or repeat, drawn half of the time. */
const dstTime = fc.oneof(time, fc.integer({ min: 90, max: 210 }).map(timeOfDayFromMinutes));
/** A wall clock anywhere in any zone, or right on a Paris change. */
const wallClockCase = fc.oneof(
  fc.record({ day: date, hhmm: time, zone: timeZone }),
  fc.record({ day: dstChangeDate, hhmm: dstTime, zone: fc.constant(PARIS) }),
);

describe('instantAt', () => {
  it('uses CET in winter and CEST in summer in mainland France', () => {
    expect(iso('2026-01-15', '10:00', PARIS)).toBe('2026-01-15T09:00:00.000Z');
    expect(iso('2026-07-18', '10:00', PARIS)).toBe('2026-07-18T08:00:00.000Z');
  });

  it('moves a time skipped on 29 March 2026 to 03:00 CEST, the first instant after the gap', () => {
    expect(iso('2026-03-29', '01:59', PARIS)).toBe('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29', '02:00', PARIS)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2026-03-29', '02:30', PARIS)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2026-03-29', '02:59', PARIS)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2026-03-29', '03:00', PARIS)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2026-03-29', '03:01', PARIS)).toBe('2026-03-29T01:01:00.000Z');
  });

  it('does the same on 28 March 2027', () => {
    expect(iso('2027-03-28', '02:30', PARIS)).toBe('2027-03-28T01:00:00.000Z');
    expect(iso('2027-03-28', '10:00', PARIS)).toBe('2027-03-28T08:00:00.000Z');
  });

  it('takes the first of the two 02:30 on 25 October 2026', () => {
    expect(iso('2026-10-25', '01:59', PARIS)).toBe('2026-10-24T23:59:00.000Z');
    expect(iso('2026-10-25', '02:00', PARIS)).toBe('2026-10-25T00:00:00.000Z');
    expect(iso('2026-10-25', '02:30', PARIS)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso('2026-10-25', '02:59', PARIS)).toBe('2026-10-25T00:59:00.000Z');
    expect(iso('2026-10-25', '03:00', PARIS)).toBe('2026-10-25T02:00:00.000Z');
    expect(iso('2026-10-25', '10:00', PARIS)).toBe('2026-10-25T09:00:00.000Z');
  });

  it('does the same on 31 October 2027', () => {
    expect(iso('2027-10-31', '02:30', PARIS)).toBe('2027-10-31T00:30:00.000Z');
    expect(iso('2027-10-31', '03:00', PARIS)).toBe('2027-10-31T02:00:00.000Z');
  });

  it('keeps French Guiana at UTC−3 and Réunion at UTC+4 all year', () => {
    for (const day of ['2026-01-15', '2026-03-29', '2026-07-18', '2026-10-25']) {
      expect(iso(day, '02:30', 'America/Cayenne')).toBe(`${day}T05:30:00.000Z`);
      expect(iso(day, '10:00', 'Indian/Reunion')).toBe(`${day}T06:00:00.000Z`);
    }
    expect(iso('2027-01-01', '00:00', 'Indian/Reunion')).toBe('2026-12-31T20:00:00.000Z');
  });

  it('returns a new Date every time, so a caller mutating one cannot corrupt the next', () => {
    const first = instantAt('2026-07-18', '10:00', PARIS);
    first.setTime(0);
    expect(iso('2026-07-18', '10:00', PARIS)).toBe('2026-07-18T08:00:00.000Z');
  });

  it('refuses unknown zones, dates and times', () => {
    expect(() => instantAt('2026-07-18', '10:00', 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => instantAt('2026-02-30', '10:00', PARIS)).toThrow(RangeError);
    expect(() => instantAt('2026-07-18', '24:00', PARIS)).toThrow(RangeError);
  });

  it('shows the requested wall clock, or lands on the end of a gap that skipped it', () => {
    fc.assert(
      fc.property(wallClockCase, ({ day, hhmm, zone }) => {
        const instant = instantAt(day, hhmm, zone);
        const requested = `${day}T${hhmm}`;
        const shown = wallClock(instant, zone);
        if (shown !== requested) {
          expect(shown > requested).toBe(true);
          expect(wallClock(new Date(instant.getTime() - 1), zone) < requested).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('picks the first occurrence of a repeated wall clock', () => {
    fc.assert(
      fc.property(wallClockCase, ({ day, hhmm, zone }) => {
        const instant = instantAt(day, hhmm, zone).getTime();
        for (const minutes of [30, 60]) {
          expect(wallClock(new Date(instant - minutes * 60_000), zone)).not.toBe(`${day}T${hhmm}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never puts a later wall clock at an earlier instant', () => {
    fc.assert(
      fc.property(dstChangeDate, dstTime, dstTime, (day, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(instantAt(day, early, PARIS).getTime()).toBeLessThanOrEqual(instantAt(day, late, PARIS).getTime());
      }),
    );
  });
});

describe('localDateOf and localTimeOf', () => {
  it("gives the collectivity's date, which differs from UTC's around midnight", () => {
    const lateEvening = new Date('2026-07-18T22:30:00Z');
    expect(localDateOf(lateEvening, PARIS)).toBe('2026-07-19');
    expect(localTimeOf(lateEvening, PARIS)).toBe('00:30');
    expect(localDateOf(lateEvening, 'America/Cayenne')).toBe('2026-07-18');
    expect(localTimeOf(lateEvening, 'America/Cayenne')).toBe('19:30');
    expect(localDateOf(new Date('2026-12-31T20:00:00Z'), 'Indian/Reunion')).toBe('2027-01-01');
  });

  it('reads 02:30 twice on the night of 25 October 2026', () => {
    expect(localTimeOf(new Date('2026-10-25T00:30:00Z'), PARIS)).toBe('02:30');
    expect(localTimeOf(new Date('2026-10-25T01:30:00Z'), PARIS)).toBe('02:30');
  });

  it('drops seconds and milliseconds rather than rounding', () => {
    expect(localTimeOf(new Date('2026-07-18T07:59:59.999Z'), PARIS)).toBe('09:59');
  });

  it('handles instants before 1970', () => {
    expect(localDateOf(new Date('1969-12-31T23:30:00.500Z'), PARIS)).toBe('1970-01-01');
    expect(localTimeOf(new Date('1969-12-31T23:30:00.500Z'), PARIS)).toBe('00:30');
  });
});

describe('isTimeZone', () => {
  it('accepts IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Pacific/Tahiti')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
