import { describe, expect, it } from 'vitest';
import { countFinalAt, tallyMeals } from './meal-counts.js';

describe('tallyMeals', () => {
  it('counts per site and day, then per diet group', () => {
    const counts = tallyMeals([
      { siteId: 'a', date: '2030-01-07', dietGroupId: null },
      { siteId: 'a', date: '2030-01-07', dietGroupId: 'porc' },
      { siteId: 'a', date: '2030-01-07', dietGroupId: null },
      { siteId: 'b', date: '2030-01-07', dietGroupId: 'porc' },
    ]);
    expect(counts.map((c) => [c.siteId, c.total, Object.fromEntries(c.byGroup)])).toEqual([
      ['a', 3, { null: 2, porc: 1 }],
      ['b', 1, { porc: 1 }],
    ]);
  });
});

describe('countFinalAt', () => {
  it('is the later of the booking and cancellation deadlines', () => {
    const at = countFinalAt(
      '2030-01-09',
      [
        { kind: 'calendar_days', days: 2, time: '10:00' },
        { kind: 'calendar_days', days: 1, time: '09:00' },
      ],
      { timeZone: 'Europe/Paris', alsaceMoselle: false },
    );
    expect(at.toISOString()).toBe('2030-01-08T08:00:00.000Z');
  });
});
