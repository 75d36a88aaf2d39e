import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeOfDay, minutesOfDay, timeOfDayFromMinutes } from './time-of-day.js';

describe('isTimeOfDay', () => {
  it('accepts 24-hour HH:MM from 00:00 to 23:59', () => {
    for (const time of ['00:00', '09:05', '12:00', '23:59']) expect(isTimeOfDay(time)).toBe(true);
  });

  it('refuses 24:00, missing zeros, seconds and other types', () => {
    for (const time of ['24:00', '9:00', '09:60', '09:00:00', '0900', '', 900, null]) expect(isTimeOfDay(time)).toBe(false);
  });
});

describe('minutesOfDay and timeOfDayFromMinutes', () => {
  it('convert between HH:MM and minutes since midnight', () => {
    expect(minutesOfDay('10:30')).toBe(630);
    expect(minutesOfDay('00:00')).toBe(0);
    expect(timeOfDayFromMinutes(1439)).toBe('23:59');
    expect(timeOfDayFromMinutes(5)).toBe('00:05');
  });

  it('refuse what is not a time of day', () => {
    expect(() => minutesOfDay('24:00')).toThrow(RangeError);
    expect(() => timeOfDayFromMinutes(1440)).toThrow(RangeError);
    expect(() => timeOfDayFromMinutes(-1)).toThrow(RangeError);
  });

  it('round-trip every minute of the day, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (a, b) => {
        expect(minutesOfDay(timeOfDayFromMinutes(a))).toBe(a);
        expect(isTimeOfDay(timeOfDayFromMinutes(a))).toBe(true);
        expect(Math.sign(a - b)).toBe(Math.sign(timeOfDayFromMinutes(a).localeCompare(timeOfDayFromMinutes(b))));
      }),
    );
  });
});
