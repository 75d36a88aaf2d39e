import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bookingAllowed,
  cancellationAllowed,
  type DeadlineContext,
  type DeadlineRule,
  deadlineFor,
  deadlineRuleProblems,
} from './deadlines.js';
import { addDays, daysBetween, eachDate, epochDayOf, fromEpochDay, mondayOf, weekdayOf } from './local-date.js';
import { publicHolidayOn } from './public-holidays.js';
import { timeOfDayFromMinutes } from './time-of-day.js';
import { instantAt, localDateOf, localTimeOf } from './zoned-time.js';

const paris: DeadlineContext = { timeZone: 'Europe/Paris', alsaceMoselle: false };
const strasbourg: DeadlineContext = { timeZone: 'Europe/Paris', alsaceMoselle: true };
const dayBefore10: DeadlineRule = { kind: 'calendar_days', days: 1, time: '10:00' };
const iso = (date: string, rule: DeadlineRule, context: DeadlineContext = paris) =>
  deadlineFor(date, rule, context).toISOString();
const ms = (instant: Date, delta: number) => new Date(instant.getTime() + delta);

describe('deadlineFor', () => {
  it('puts "the day before at 10:00" on the previous calendar day, weekends included', () => {
    expect(iso('2026-07-20', dayBefore10)).toBe('2026-07-19T08:00:00.000Z');
    expect(iso('2026-01-05', dayBefore10)).toBe('2026-01-04T09:00:00.000Z');
  });

  it('reads zero calendar days as the day itself', () => {
    expect(iso('2026-07-20', { kind: 'calendar_days', days: 0, time: '09:00' })).toBe('2026-07-20T07:00:00.000Z');
  });

  it('counts working days back over the weekend', () => {
    const twoWorkingDays: DeadlineRule = { kind: 'working_days', days: 2, time: '12:00' };
    expect(iso('2026-07-20', twoWorkingDays)).toBe('2026-07-16T10:00:00.000Z');
    expect(iso('2026-07-17', twoWorkingDays)).toBe('2026-07-15T10:00:00.000Z');
  });

  it('skips public holidays when counting working days', () => {
    const twoWorkingDays: DeadlineRule = { kind: 'working_days', days: 2, time: '12:00' };
    expect(iso('2026-07-16', twoWorkingDays)).toBe('2026-07-13T10:00:00.000Z');
  });

  it("skips Alsace-Moselle's Good Friday there only", () => {
    const oneWorkingDay: DeadlineRule = { kind: 'working_days', days: 1, time: '12:00' };
    expect(iso('2027-03-30', oneWorkingDay, paris)).toBe('2027-03-26T11:00:00.000Z');
    expect(iso('2027-03-30', oneWorkingDay, strasbourg)).toBe('2027-03-25T11:00:00.000Z');
  });

  it('reads zero working days as the day itself, even on a Sunday', () => {
    expect(iso('2026-07-19', { kind: 'working_days', days: 0, time: '08:00' })).toBe('2026-07-19T06:00:00.000Z');
  });

  it('puts "Thursday of the week before at 12:00" on the same Thursday for the whole week', () => {
    const thursdayBefore: DeadlineRule = { kind: 'previous_week', weekday: 4, time: '12:00' };
    expect(iso('2026-07-20', thursdayBefore)).toBe('2026-07-16T10:00:00.000Z');
    expect(iso('2026-07-26', thursdayBefore)).toBe('2026-07-16T10:00:00.000Z');
    expect(iso('2026-07-27', thursdayBefore)).toBe('2026-07-23T10:00:00.000Z');
  });

  it('allows an activity without deadline until its day starts', () => {
    expect(iso('2026-07-20', { kind: 'none' })).toBe('2026-07-19T22:00:00.000Z');
  });

  it('keeps the local time on the days the clocks change', () => {
    expect(iso('2026-03-30', dayBefore10)).toBe('2026-03-29T08:00:00.000Z');
    expect(iso('2026-10-26', dayBefore10)).toBe('2026-10-25T09:00:00.000Z');
    expect(iso('2027-03-29', dayBefore10)).toBe('2027-03-28T08:00:00.000Z');
    expect(iso('2027-11-01', dayBefore10)).toBe('2027-10-31T09:00:00.000Z');
    expect(iso('2026-03-29', { kind: 'none' })).toBe('2026-03-28T23:00:00.000Z');
    expect(iso('2026-03-30', { kind: 'none' })).toBe('2026-03-29T22:00:00.000Z');
  });

  it('moves a deadline skipped by the spring change to 03:00 and takes the first 02:30 in autumn', () => {
    const dayBefore0230: DeadlineRule = { kind: 'calendar_days', days: 1, time: '02:30' };
    expect(iso('2026-03-30', dayBefore0230)).toBe('2026-03-29T01:00:00.000Z');
    expect(iso('2027-03-29', dayBefore0230)).toBe('2027-03-28T01:00:00.000Z');
    expect(iso('2026-10-26', dayBefore0230)).toBe('2026-10-25T00:30:00.000Z');
    expect(iso('2027-11-01', dayBefore0230)).toBe('2027-10-31T00:30:00.000Z');
  });

  it('follows overseas clocks', () => {
    expect(iso('2026-07-20', dayBefore10, { timeZone: 'America/Cayenne', alsaceMoselle: false })).toBe(
      '2026-07-19T13:00:00.000Z',
    );
    expect(iso('2026-07-20', dayBefore10, { timeZone: 'Indian/Reunion', alsaceMoselle: false })).toBe('2026-07-19T06:00:00.000Z');
  });

  it('refuses a malformed rule', () => {
    expect(() => deadlineFor('2026-07-20', { kind: 'calendar_days', days: -1, time: '10:00' }, paris)).toThrow(RangeError);
    expect(() => deadlineFor('2026-07-20', { kind: 'previous_week', weekday: 8, time: '10:00' }, paris)).toThrow(/weekday/);
  });
});

describe('deadlineRuleProblems', () => {
  it('accepts sound rules', () => {
    expect(deadlineRuleProblems(dayBefore10)).toEqual([]);
    expect(deadlineRuleProblems({ kind: 'previous_week', weekday: 4, time: '12:00' })).toEqual([]);
    expect(deadlineRuleProblems({ kind: 'none' })).toEqual([]);
  });

  it('names each mistake', () => {
    expect(deadlineRuleProblems({ kind: 'working_days', days: 1.5, time: '24:00' })).toEqual([
      'time must be HH:MM between 00:00 and 23:59, not "24:00"',
      'days must be a whole number from 0 to 366, not 1.5',
    ]);
    expect(deadlineRuleProblems({ kind: 'weekly' } as unknown as DeadlineRule)).toEqual([
      'kind must be one of calendar_days, working_days, previous_week, none, not "weekly"',
    ]);
    expect(deadlineRuleProblems({ kind: 'previous_week', weekday: 0, time: '9:00' })).toEqual([
      'time must be HH:MM between 00:00 and 23:59, not "9:00"',
      'weekday must be an ISO weekday from 1 (Monday) to 7 (Sunday), not 0',
    ]);
  });
});

describe('bookingAllowed', () => {
  const deadline = new Date('2026-07-19T08:00:00.000Z');

  it('allows booking up to and including the deadline, to the millisecond', () => {
    expect(bookingAllowed(ms(deadline, -1), '2026-07-20', dayBefore10, {}, paris)).toEqual({
      allowed: true,
      deadline,
    });
    expect(bookingAllowed(deadline, '2026-07-20', dayBefore10, {}, paris)).toEqual({ allowed: true, deadline });
  });

  it('refuses booking one millisecond after the deadline', () => {
    expect(bookingAllowed(ms(deadline, 1), '2026-07-20', dayBefore10, {}, paris)).toEqual({
      allowed: false,
      reason: 'deadline_passed',
      deadline,
    });
  });

  it('refuses booking before registrations open, saying when they do', () => {
    const opensAt = instantAt('2026-06-01', '08:00', 'Europe/Paris');
    const window = { opensAt };
    expect(bookingAllowed(ms(opensAt, -1), '2026-07-20', dayBefore10, window, paris)).toEqual({
      allowed: false,
      reason: 'registration_not_open',
      deadline,
      opensAt,
    });
    expect(bookingAllowed(opensAt, '2026-07-20', dayBefore10, window, paris)).toEqual({ allowed: true, deadline });
  });

  it('refuses booking after registrations close, the closing instant included in the window', () => {
    const closesAt = new Date('2026-06-30T21:59:59.999Z');
    const window = { closesAt };
    expect(bookingAllowed(closesAt, '2026-07-20', dayBefore10, window, paris)).toEqual({ allowed: true, deadline });
    expect(bookingAllowed(ms(closesAt, 1), '2026-07-20', dayBefore10, window, paris)).toEqual({
      allowed: false,
      reason: 'registration_closed',
      deadline,
    });
  });

  it('reports the closed registration rather than a passed deadline', () => {
    const closesAt = new Date('2026-06-30T22:00:00.000Z');
    expect(bookingAllowed(ms(deadline, 1), '2026-07-20', dayBefore10, { closesAt }, paris)).toMatchObject({
      allowed: false,
      reason: 'registration_closed',
    });
  });
});

describe('cancellationAllowed', () => {
  it('allows cancelling up to and including the deadline, to the millisecond', () => {
    const deadline = new Date('2026-07-16T10:00:00.000Z');
    const rule: DeadlineRule = { kind: 'working_days', days: 2, time: '12:00' };
    expect(cancellationAllowed(deadline, '2026-07-20', rule, paris)).toEqual({ allowed: true, deadline });
    expect(cancellationAllowed(ms(deadline, 1), '2026-07-20', rule, paris)).toEqual({
      allowed: false,
      reason: 'deadline_passed',
      deadline,
    });
  });
});

describe('deadline rules, for any rule and date', () => {
  const timeZone = fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Australia/Sydney');
  const context = fc.record({ timeZone, alsaceMoselle: fc.boolean() });
  /** Any time, or half of the time one around 02:00–03:00 where the Paris clocks jump or repeat. */
  const time = fc.oneof(
    fc.integer({ min: 0, max: 24 * 60 - 1 }).map(timeOfDayFromMinutes),
    fc.integer({ min: 90, max: 210 }).map(timeOfDayFromMinutes),
  );
  const rule: fc.Arbitrary<DeadlineRule> = fc.oneof(
    fc.record({ kind: fc.constant('calendar_days' as const), days: fc.integer({ min: 0, max: 30 }), time }),
    fc.record({ kind: fc.constant('working_days' as const), days: fc.integer({ min: 0, max: 15 }), time }),
    fc.record({ kind: fc.constant('previous_week' as const), weekday: fc.integer({ min: 1, max: 7 }), time }),
    fc.constant({ kind: 'none' as const }),
  );
  /** Dates anywhere in 2025–2029, or within two weeks after one of the DST changes to get right. */
  const date = fc.oneof(
    fc.integer({ min: epochDayOf('2025-01-01'), max: epochDayOf('2029-12-31') }).map(fromEpochDay),
    fc
      .tuple(fc.constantFrom('2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'), fc.integer({ min: 0, max: 14 }))
      .map(([change, days]) => addDays(change, days)),
  );

  it('never puts the deadline after the start of the day when it asks for a day or more ahead', () => {
    fc.assert(
      fc.property(date, rule, context, (day, r, c) => {
        const startOfDay = instantAt(day, '00:00', c.timeZone).getTime();
        const deadline = deadlineFor(day, r, c).getTime();
        if (r.kind === 'none' || r.kind === 'previous_week' || r.days >= 1) {
          expect(deadline).toBeLessThanOrEqual(startOfDay);
        }
      }),
    );
  });

  it('puts the deadline on the day the rule names', () => {
    fc.assert(
      fc.property(date, rule, context, (day, r, c) => {
        const deadlineDay = localDateOf(deadlineFor(day, r, c), c.timeZone);
        const isWorkingDay = (d: string) => weekdayOf(d) <= 5 && publicHolidayOn(d, { alsaceMoselle: c.alsaceMoselle }) === null;
        switch (r.kind) {
          case 'calendar_days':
            expect(daysBetween(deadlineDay, day)).toBe(r.days);
            break;
          case 'working_days':
            if (r.days > 0) expect(isWorkingDay(deadlineDay)).toBe(true);
            expect(eachDate(deadlineDay, addDays(day, -1)).filter(isWorkingDay)).toHaveLength(r.days);
            break;
          case 'previous_week':
            expect(weekdayOf(deadlineDay)).toBe(r.weekday);
            expect(mondayOf(deadlineDay)).toBe(addDays(mondayOf(day), -7));
            break;
          case 'none':
            expect(deadlineDay).toBe(day);
            break;
        }
      }),
    );
  });

  it('never gives a later day an earlier deadline', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 21 }), rule, context, (day, gap, r, c) => {
        expect(deadlineFor(day, r, c).getTime()).toBeLessThanOrEqual(deadlineFor(addDays(day, gap), r, c).getTime());
      }),
    );
  });

  it("falls at the rule's local time, unless the clocks skip it and then right after the skip", () => {
    fc.assert(
      fc.property(date, rule, context, (day, r, c) => {
        const deadline = deadlineFor(day, r, c);
        const wanted = r.kind === 'none' ? '00:00' : r.time;
        const shown = localTimeOf(deadline, c.timeZone);
        if (shown !== wanted) {
          expect(shown > wanted).toBe(true);
          const justBefore = ms(deadline, -1);
          expect(localDateOf(justBefore, c.timeZone)).toBe(localDateOf(deadline, c.timeZone));
          expect(localTimeOf(justBefore, c.timeZone) < wanted).toBe(true);
        }
      }),
    );
  });

  it('allows an action exactly while now <= deadline', () => {
    fc.assert(
      fc.property(date, rule, context, fc.integer({ min: -3, max: 3 }), (day, r, c, delta) => {
        const deadline = deadlineFor(day, r, c);
        const now = ms(deadline, delta);
        expect(cancellationAllowed(now, day, r, c).allowed).toBe(delta <= 0);
        expect(bookingAllowed(now, day, r, {}, c).allowed).toBe(delta <= 0);
      }),
    );
  });
});
