import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, OpenDatabase } from '../database.js';
import { DEMO_ACTIVITY_CODES } from './demo-catalog.js';
import { bookingsOnClosedDays, seededDatabase } from './seed-test-support.js';

// The demo is seeded on the day the server first starts: it must make sense on any date.
describe.each([
  { today: '2027-07-15', yearFrom: '2026-09-01', session: "Vacances d'été" },
  { today: '2026-09-01', yearFrom: '2026-09-01', session: 'Vacances de la Toussaint' },
])('seedDemo on $today', ({ today, yearFrom, session }) => {
  let database: OpenDatabase;
  let db: Db;

  beforeAll(async () => {
    const result = await seededDatabase(today);
    database = result.database;
    db = database.db;
    expect(result.seeded).toBe(true);
  }, 60_000);
  afterAll(() => database?.close());

  it('sets the season to the school year containing today', async () => {
    const seasons = await db.selectFrom('activities').select(['season_from', 'season_to']).distinct().execute();
    expect(seasons).toEqual([{ season_from: yearFrom, season_to: `${Number(yearFrom.slice(0, 4)) + 1}-08-31` }]);
  });

  it(`books the leisure centre in the ${session}, from today on`, async () => {
    const days = await db
      .selectFrom('bookings')
      .innerJoin('activities', (join) =>
        join
          .onRef('activities.collectivity_id', '=', 'bookings.collectivity_id')
          .onRef('activities.id', '=', 'bookings.activity_id'),
      )
      .select(['bookings.date', 'activities.sessions'])
      .where('activities.code', '=', DEMO_ACTIVITY_CODES.leisureDay)
      .execute();
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) {
      expect(day.date >= today).toBe(true);
      const inSession = day.sessions.find((s) => s.from <= day.date && day.date <= s.to);
      expect(inSession?.name).toBe(session);
    }
  });

  it('books only days the API itself would open', async () => {
    expect(await bookingsOnClosedDays(db)).toEqual([]);
  });

  it('leaves no canteen booking outside the school year', async () => {
    const outside = await db
      .selectFrom('bookings')
      .select('date')
      .where((eb) => eb.or([eb('date', '<', yearFrom), eb('date', '>', `${Number(yearFrom.slice(0, 4)) + 1}-08-31`)]))
      .execute();
    expect(outside).toEqual([]);
  });
});
