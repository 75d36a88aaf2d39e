import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDateFromParts, partsOf, weekdayOf } from './local-date.js';
import { easterSunday, type OverseasTerritory, publicHolidayOn, publicHolidaysOf, territoryOfZone } from './public-holidays.js';

/** Easter by Knuth's method (TAOCP 1.3.2, exercise 14), independent of the implementation's Meeus/Jones/Butcher. */
function knuthEaster(year: number): string {
  const golden = (year % 19) + 1;
  const century = Math.floor(year / 100) + 1;
  const skippedLeapYears = Math.floor((3 * century) / 4) - 12;
  const moonCorrection = Math.floor((8 * century + 5) / 25) - 5;
  const sunday = Math.floor((5 * year) / 4) - skippedLeapYears - 10;
  let epact = (11 * golden + 20 + moonCorrection - skippedLeapYears) % 30;
  if ((epact === 25 && golden > 11) || epact === 24) epact += 1;
  let fullMoon = 44 - epact;
  if (fullMoon < 21) fullMoon += 30;
  const day = fullMoon + 7 - ((sunday + fullMoon) % 7);
  return day > 31 ? localDateFromParts(year, 4, day - 31) : localDateFromParts(year, 3, day);
}

const year = fc.integer({ min: 1583, max: 9999 });

describe('easterSunday', () => {
  it('finds the known Easter Sundays', () => {
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2000)).toBe('2000-04-23');
  });

  it('reaches the earliest and latest possible dates', () => {
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
  });

  it('is a Sunday between 22 March and 25 April, as Knuth computes it', () => {
    fc.assert(
      fc.property(year, (y) => {
        const easter = easterSunday(y);
        expect(easter).toBe(knuthEaster(y));
        expect(weekdayOf(easter)).toBe(7);
        expect(daysBetween(localDateFromParts(y, 3, 22), easter)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(easter, localDateFromParts(y, 4, 25))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('publicHolidaysOf', () => {
  it('lists the eleven national holidays of 2026 in date order with their French names', () => {
    expect([...publicHolidaysOf(2026)]).toEqual([
      ['2026-01-01', "Jour de l'An"],
      ['2026-04-06', 'Lundi de Pâques'],
      ['2026-05-01', 'Fête du Travail'],
      ['2026-05-08', 'Victoire 1945'],
      ['2026-05-14', 'Ascension'],
      ['2026-05-25', 'Lundi de Pentecôte'],
      ['2026-07-14', 'Fête nationale'],
      ['2026-08-15', 'Assomption'],
      ['2026-11-01', 'Toussaint'],
      ['2026-11-11', 'Armistice 1918'],
      ['2026-12-25', 'Noël'],
    ]);
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const national = publicHolidaysOf(2027);
    const alsaceMoselle = publicHolidaysOf(2027, { alsaceMoselle: true });
    expect(alsaceMoselle.size).toBe(national.size + 2);
    expect(alsaceMoselle.get('2027-03-26')).toBe('Vendredi saint');
    expect(alsaceMoselle.get('2027-12-26')).toBe('Saint-Étienne');
    expect(national.has('2027-03-26')).toBe(false);
  });

  it('names both holidays when Ascension falls on 1 or 8 May', () => {
    expect(publicHolidaysOf(2008).get('2008-05-01')).toBe('Fête du Travail, Ascension');
    expect(publicHolidaysOf(2008).size).toBe(10);
    expect(publicHolidaysOf(1975).get('1975-05-08')).toBe('Victoire 1945, Ascension');
  });

  it("hands out the caller's own copy", () => {
    const holidays = publicHolidaysOf(2026);
    holidays.delete('2026-07-14');
    expect(publicHolidaysOf(2026).has('2026-07-14')).toBe(true);
    expect(publicHolidayOn('2026-07-14')).toBe('Fête nationale');
  });

  it('puts the Easter-based holidays on the right weekdays and every holiday in its year', () => {
    fc.assert(
      fc.property(year, fc.boolean(), (y, alsaceMoselle) => {
        const holidays = publicHolidaysOf(y, { alsaceMoselle });
        const easter = easterSunday(y);
        expect(holidays.get(addDays(easter, 1))).toBe('Lundi de Pâques');
        expect(holidays.get(addDays(easter, 39))).toMatch(/Ascension$/);
        expect(weekdayOf(addDays(easter, 39))).toBe(4);
        expect(holidays.get(addDays(easter, 50))).toBe('Lundi de Pentecôte');
        expect(holidays.has(addDays(easter, -2))).toBe(alsaceMoselle);
        const dates = [...holidays.keys()];
        expect(dates).toEqual([...dates].sort());
        for (const date of dates) expect(partsOf(date).year).toBe(y);
        expect(holidays.size).toBeGreaterThanOrEqual(alsaceMoselle ? 12 : 10);
      }),
      { numRuns: 200 },
    );
  });
});

describe('publicHolidayOn', () => {
  it('names the holiday of a date and returns null on an ordinary day', () => {
    expect(publicHolidayOn('2026-07-14')).toBe('Fête nationale');
    expect(publicHolidayOn('2027-03-29')).toBe('Lundi de Pâques');
    expect(publicHolidayOn('2027-05-06')).toBe('Ascension');
    expect(publicHolidayOn('2027-05-17')).toBe('Lundi de Pentecôte');
    expect(publicHolidayOn('2026-07-15')).toBeNull();
  });

  it('knows Alsace-Moselle days only when asked', () => {
    expect(publicHolidayOn('2026-04-03')).toBeNull();
    expect(publicHolidayOn('2026-04-03', { alsaceMoselle: true })).toBe('Vendredi saint');
    expect(publicHolidayOn('2025-12-26')).toBeNull();
    expect(publicHolidayOn('2025-12-26', { alsaceMoselle: true })).toBe('Saint-Étienne');
  });

  it('agrees with the year list', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1600-01-01T00:00:00Z'), max: new Date('2400-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.boolean(),
        (instant, alsaceMoselle) => {
          const date = instant.toISOString().slice(0, 10);
          const expected = publicHolidaysOf(partsOf(date).year, { alsaceMoselle }).get(date) ?? null;
          expect(publicHolidayOn(date, { alsaceMoselle })).toBe(expected);
        },
      ),
    );
  });
});

describe('overseas public holidays', () => {
  const slavery = "Abolition de l'esclavage";

  it('adds each territory its abolition of slavery day, and only there', () => {
    const days: [OverseasTerritory, string][] = [
      ['mayotte', '2027-04-27'],
      ['martinique', '2027-05-22'],
      ['guadeloupe', '2027-05-27'],
      ['saint-martin', '2027-05-28'],
      ['guyane', '2027-06-10'],
      ['saint-barthelemy', '2027-10-09'],
      ['la-reunion', '2027-12-20'],
    ];
    for (const [territory, date] of days) {
      expect(publicHolidayOn(date, { territory })).toBe(slavery);
      expect(publicHolidayOn(date)).toBeNull();
      expect(publicHolidaysOf(2027, { territory }).size).toBe(12);
    }
  });

  it('keeps the Polynesian and New Caledonian days', () => {
    expect(publicHolidayOn('2027-03-05', { territory: 'polynesie-francaise' })).toBe("Arrivée de l'Évangile");
    expect(publicHolidayOn('2027-03-26', { territory: 'polynesie-francaise' })).toBe('Vendredi saint');
    expect(publicHolidayOn('2027-09-24', { territory: 'nouvelle-caledonie' })).toBe('Fête de la citoyenneté');
    expect(publicHolidayOn('2027-09-24')).toBeNull();
  });

  it('maps overseas school zones to their territory, and the mainland to none', () => {
    expect(territoryOfZone('la-reunion')).toBe('la-reunion');
    expect(territoryOfZone('polynesie-francaise')).toBe('polynesie-francaise');
    expect(territoryOfZone('C')).toBeUndefined();
    expect(territoryOfZone('corse')).toBeUndefined();
  });

  it('adds the same day every year, on top of the national list, for any year', () => {
    const territories = fc.constantFrom<OverseasTerritory>(
      'guadeloupe',
      'guyane',
      'la-reunion',
      'martinique',
      'mayotte',
      'saint-martin',
    );
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 2400 }), territories, (year, territory) => {
        const national = publicHolidaysOf(year);
        const local = publicHolidaysOf(year, { territory });
        for (const [date, name] of national) expect(local.get(date)).toContain(name);
        const added = [...local.keys()].filter((date) => !national.has(date));
        expect(added.length + (local.size === national.size ? 1 : 0)).toBe(1);
        expect([...local.values()].some((name) => name.includes(slavery))).toBe(true);
      }),
    );
  });
});
