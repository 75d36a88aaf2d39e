import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, eachDate, epochDayOf, fromEpochDay, weekdayOf } from './local-date.js';
import {
  type OpeningContext,
  type OpeningRule,
  openDaysBetween,
  openingDay,
  openingDaysBetween,
  openingRuleProblems,
} from './opening-days.js';
import { publicHolidayOn } from './public-holidays.js';
import { fixtureCalendar } from './school-holidays.fixture.js';
import { isCovered, UNKNOWN_SCHOOL_CALENDAR } from './school-holidays.js';

/** Builders: a plain canteen and leisure centre, each test overriding what it is about. */
const canteen = (overrides: Partial<OpeningRule> = {}): OpeningRule => ({
  weekdays: [1, 2, 4, 5],
  schoolHolidays: 'closed',
  season: { from: '2026-09-01', to: '2027-07-03' },
  ...overrides,
});
const leisureCentre = (overrides: Partial<OpeningRule> = {}): OpeningRule => ({
  weekdays: [1, 2, 3, 4, 5],
  schoolHolidays: 'only',
  ...overrides,
});
const town = ({ zone = 'A', ...overrides }: Partial<OpeningContext> & { zone?: 'A' | 'B' | 'C' } = {}): OpeningContext => ({
  schoolCalendar: fixtureCalendar(zone),
  alsaceMoselle: false,
  closures: [],
  ...overrides,
});

describe('openingDay', () => {
  it('opens the canteen on an ordinary school day', () => {
    expect(openingDay('2026-09-03', canteen(), town())).toEqual({ open: true });
  });

  it('closes the canteen on Wednesdays', () => {
    expect(openingDay('2026-09-02', canteen(), town())).toEqual({ open: false, reason: 'weekday' });
  });

  it('closes the canteen on a public holiday that falls on a school day', () => {
    expect(openingDay('2027-03-29', canteen(), town())).toEqual({ open: false, reason: 'public_holiday' });
  });

  it('closes the canteen during the school holidays of its zone only', () => {
    expect(openingDay('2026-10-19', canteen(), town())).toEqual({ open: false, reason: 'school_holiday' });
    expect(openingDay('2027-02-15', canteen(), town({ zone: 'A' }))).toEqual({ open: false, reason: 'school_holiday' });
    expect(openingDay('2027-02-15', canteen(), town({ zone: 'B' }))).toEqual({ open: true });
  });

  it('closes the canteen on the Friday of the Ascension bridge', () => {
    expect(openingDay('2027-05-07', canteen(), town())).toEqual({ open: false, reason: 'school_holiday' });
  });

  it("closes on the collectivity's own closures, both ends included", () => {
    const strike = town({ closures: [{ from: '2026-12-14', to: '2026-12-15', reason: 'Grève' }] });
    expect(openingDay('2026-12-14', canteen(), strike)).toEqual({ open: false, reason: 'closure' });
    expect(openingDay('2026-12-15', canteen(), strike)).toEqual({ open: false, reason: 'closure' });
    expect(openingDay('2026-12-17', canteen(), strike)).toEqual({ open: true });
  });

  it('closes outside the season the activity exists', () => {
    expect(openingDay('2026-08-31', canteen(), town())).toEqual({ open: false, reason: 'outside_season' });
    expect(openingDay('2027-07-05', canteen(), town())).toEqual({ open: false, reason: 'outside_season' });
  });

  it('opens the leisure centre on holidays only, Wednesdays included', () => {
    expect(openingDay('2026-10-21', leisureCentre(), town())).toEqual({ open: true });
    expect(openingDay('2026-10-14', leisureCentre(), town())).toEqual({ open: false, reason: 'school_holiday' });
    expect(openingDay('2026-10-24', leisureCentre(), town())).toEqual({ open: false, reason: 'weekday' });
  });

  it('keeps the leisure centre closed on 14 July in the middle of the summer', () => {
    expect(openingDay('2026-07-13', leisureCentre(), town())).toEqual({ open: true });
    expect(openingDay('2026-07-14', leisureCentre(), town())).toEqual({ open: false, reason: 'public_holiday' });
  });

  it('opens a Wednesday activity on school Wednesdays and holiday Wednesdays alike when holidays are ignored', () => {
    const wednesdays = leisureCentre({ weekdays: [3], schoolHolidays: 'open' });
    expect(openingDay('2026-09-09', wednesdays, town())).toEqual({ open: true });
    expect(openingDay('2026-10-21', wednesdays, town())).toEqual({ open: true });
    expect(openingDay('2026-09-10', wednesdays, town())).toEqual({ open: false, reason: 'weekday' });
  });

  it('opens only inside a session when sessions are set', () => {
    const camp = leisureCentre({ sessions: [{ from: '2026-07-06', to: '2026-07-17', name: 'Séjour 1' }] });
    expect(openingDay('2026-07-08', camp, town())).toEqual({ open: true });
    expect(openingDay('2026-07-20', camp, town())).toEqual({ open: false, reason: 'outside_session' });
  });

  it('ignores an empty session list', () => {
    expect(openingDay('2026-07-20', leisureCentre({ sessions: [] }), town())).toEqual({ open: true });
  });

  it('closes on Good Friday in Alsace-Moselle only', () => {
    const strasbourg = town({ zone: 'B', alsaceMoselle: true });
    expect(openingDay('2027-03-26', canteen(), strasbourg)).toEqual({ open: false, reason: 'public_holiday' });
    expect(openingDay('2027-03-26', canteen(), town({ zone: 'B' }))).toEqual({ open: true });
  });

  it('reports the most structural reason when several apply', () => {
    expect(openingDay('2026-12-25', canteen(), town())).toEqual({ open: false, reason: 'public_holiday' });
    expect(openingDay('2026-11-11', canteen(), town())).toEqual({ open: false, reason: 'weekday' });
    const holidayClosure = town({ closures: [{ from: '2026-10-19', to: '2026-10-23', reason: 'Travaux' }] });
    expect(openingDay('2026-10-19', canteen(), holidayClosure)).toEqual({ open: false, reason: 'school_holiday' });
  });

  it('closes with calendar_unknown beyond the imported school calendar, whatever the holiday rule', () => {
    const unknown = { open: false, reason: 'calendar_unknown' };
    expect(openingDay('2028-09-04', canteen({ season: undefined }), town())).toEqual(unknown);
    expect(openingDay('2030-08-05', leisureCentre(), town())).toEqual(unknown);
    expect(openingDay('2026-10-19', canteen(), town({ schoolCalendar: UNKNOWN_SCHOOL_CALENDAR }))).toEqual(unknown);
  });

  it('keeps an activity that ignores the school holidays open beyond the calendar', () => {
    const wednesdays = leisureCentre({ weekdays: [3], schoolHolidays: 'open' });
    expect(openingDay('2030-09-04', wednesdays, town())).toEqual({ open: true });
  });

  it('still names a public holiday or a weekday not run before an unknown calendar', () => {
    expect(openingDay('2028-12-25', canteen({ season: undefined }), town())).toEqual({ open: false, reason: 'public_holiday' });
    expect(openingDay('2028-09-06', canteen({ season: undefined }), town())).toEqual({ open: false, reason: 'weekday' });
  });
});

describe('openDaysBetween', () => {
  it('lists the open days of a week with a holiday', () => {
    expect(openDaysBetween('2026-11-09', '2026-11-15', canteen(), town())).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-12',
      '2026-11-13',
    ]);
    expect(openDaysBetween('2027-05-03', '2027-05-09', canteen(), town())).toEqual(['2027-05-03', '2027-05-04']);
  });

  it('counts the canteen days of the 2026-2027 school year in zone A', () => {
    const days = openDaysBetween('2026-09-01', '2027-07-03', canteen(), town());
    expect(days[0]).toBe('2026-09-01');
    expect(days.at(-1)).toBe('2027-07-02');
    expect(days).toHaveLength(139);
  });

  it('is empty for a reversed range', () => {
    expect(openDaysBetween('2026-09-10', '2026-09-01', canteen(), town())).toEqual([]);
  });
});

describe('openingDaysBetween', () => {
  it('answers for every date of the range, for the calendar cells', () => {
    const days = openingDaysBetween('2026-10-16', '2026-10-19', canteen(), town());
    expect([...days]).toEqual([
      ['2026-10-16', { open: true }],
      ['2026-10-17', { open: false, reason: 'weekday' }],
      ['2026-10-18', { open: false, reason: 'weekday' }],
      ['2026-10-19', { open: false, reason: 'school_holiday' }],
    ]);
  });
});

describe('opening rules, for any configuration', () => {
  const dateIn = (min: string, max: string) => fc.integer({ min: epochDayOf(min), max: epochDayOf(max) }).map(fromEpochDay);
  const range = fc
    .tuple(dateIn('2025-06-01', '2028-09-30'), fc.integer({ min: 0, max: 60 }))
    .map(([from, length]) => ({ from, to: addDays(from, length) }));
  const rule: fc.Arbitrary<OpeningRule> = fc.record(
    {
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      schoolHolidays: fc.constantFrom<OpeningRule['schoolHolidays']>('closed', 'open', 'only'),
      sessions: fc.array(
        range.map((r) => ({ ...r, name: 'Séjour' })),
        { maxLength: 3 },
      ),
      season: range,
    },
    { requiredKeys: ['weekdays', 'schoolHolidays'] },
  );
  const context: fc.Arbitrary<OpeningContext> = fc.record({
    schoolCalendar: fc.constantFrom('A', 'B', 'C', 'corse').map((zone) => fixtureCalendar(zone as 'A')),
    alsaceMoselle: fc.boolean(),
    closures: fc.array(
      range.map((r) => ({ ...r, reason: 'Fermeture' })),
      { maxLength: 3 },
    ),
  });

  it('gives the same answers over a range as day by day', () => {
    fc.assert(
      fc.property(range, fc.integer({ min: 0, max: 400 }), rule, context, ({ from }, length, r, c) => {
        const to = addDays(from, length);
        const dayByDay = eachDate(from, to).filter((date) => openingDay(date, r, c).open);
        expect(openDaysBetween(from, to, r, c)).toEqual(dayByDay);
        for (const [date, answer] of openingDaysBetween(from, to, r, c)) {
          expect(answer).toEqual(openingDay(date, r, c));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('never opens on a public holiday, on a weekday not run, or outside season, sessions and closures', () => {
    fc.assert(
      fc.property(dateIn('2025-06-01', '2028-09-30'), rule, context, (date, r, c) => {
        if (!openingDay(date, r, c).open) return;
        expect(publicHolidayOn(date, { alsaceMoselle: c.alsaceMoselle })).toBeNull();
        expect(r.weekdays).toContain(weekdayOf(date));
        if (r.season !== undefined) expect(date >= r.season.from && date <= r.season.to).toBe(true);
        if (r.sessions !== undefined && r.sessions.length > 0) {
          expect(r.sessions.some((s) => s.from <= date && date <= s.to)).toBe(true);
        }
        expect(c.closures.some((closure) => closure.from <= date && date <= closure.to)).toBe(false);
        if (r.schoolHolidays !== 'open') expect(isCovered(date, c.schoolCalendar)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('splits ordinary days between holiday-only and holiday-closed activities', () => {
    fc.assert(
      fc.property(dateIn('2025-09-01', '2027-08-31'), context, (date, c) => {
        if (c.schoolCalendar.covered.length === 0) return;
        const everyDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], closures: [] };
        const onlyHolidays = openingDay(date, { ...everyDay, schoolHolidays: 'only' }, { ...c, ...everyDay });
        const noHolidays = openingDay(date, { ...everyDay, schoolHolidays: 'closed' }, { ...c, ...everyDay });
        if (publicHolidayOn(date, { alsaceMoselle: c.alsaceMoselle }) === null) {
          expect(onlyHolidays.open).not.toBe(noHolidays.open);
        } else {
          expect(onlyHolidays.open || noHolidays.open).toBe(false);
        }
      }),
    );
  });
});

describe('openingRuleProblems', () => {
  it('accepts a sound rule', () => {
    expect(openingRuleProblems(canteen({ sessions: [{ from: '2026-07-06', to: '2026-07-17', name: 'Été' }] }))).toEqual([]);
  });

  it('names each mistake', () => {
    const problems = openingRuleProblems({
      weekdays: [0, 8],
      schoolHolidays: 'sometimes' as OpeningRule['schoolHolidays'],
      season: { from: '2027-07-03', to: '2026-09-01' },
      sessions: [{ from: '2026-02-30', to: '2026-03-01', name: 'Hiver' }],
    });
    expect(problems).toEqual([
      'weekday 0 is not an ISO weekday from 1 (Monday) to 7 (Sunday)',
      'weekday 8 is not an ISO weekday from 1 (Monday) to 7 (Sunday)',
      'schoolHolidays must be closed, open or only, not "sometimes"',
      'season ends (2026-09-01) before it starts (2027-07-03)',
      'session "Hiver" must have dates YYYY-MM-DD',
    ]);
    expect(openingRuleProblems(canteen({ weekdays: [] }))).toEqual(['weekdays must list at least one day']);
  });
});
