import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, OpenDatabase } from '../database.js';
import { DEMO_ACTIVITY_CODES } from './demo-catalog.js';
import { bookingsOnClosedDays, seededDatabase } from './seed-test-support.js';

// The demo is seeded on the day the server first starts: it must make sense on any date. At the
// rentrée it keeps the end of the school year before (its history); from May, it opens the next one.
describe.each([
  { today: '2027-07-15', season: { from: '2026-09-01', to: '2028-08-31' }, session: "Vacances d'été" },
  { today: '2026-09-01', season: { from: '2025-09-01', to: '2027-08-31' }, session: 'Vacances de la Toussaint' },
  { today: '2027-06-30', season: { from: '2026-09-01', to: '2028-08-31' }, session: "Vacances d'été" },
])('seedDemo on $today', ({ today, season, session }) => {
  let database: OpenDatabase;
  let db: Db;

  beforeAll(async () => {
    const result = await seededDatabase(today);
    database = result.database;
    db = database.db;
    expect(result.seeded).toBe(true);
  }, 120_000); // seeding a whole town takes a while on a busy machine
  afterAll(() => database?.close());

  it('sets the season to the school years around today', async () => {
    const seasons = await db.selectFrom('activities').select(['season_from', 'season_to']).distinct().execute();
    expect(seasons).toEqual([{ season_from: season.from, season_to: season.to }]);
  });

  it('keeps a history of past school days and books lunches ahead for the demo children', async () => {
    const lunches = await db
      .selectFrom('bookings')
      .innerJoin('activities', (join) =>
        join
          .onRef('activities.collectivity_id', '=', 'bookings.collectivity_id')
          .onRef('activities.id', '=', 'bookings.activity_id'),
      )
      .innerJoin('children', 'children.id', 'bookings.child_id')
      .select('bookings.date')
      .where('activities.code', '=', DEMO_ACTIVITY_CODES.canteenFerry)
      .where('children.first_name', '=', 'Alvaro')
      .execute();
    expect(lunches.filter((l) => l.date < today).length).toBeGreaterThanOrEqual(15);
    expect(lunches.filter((l) => l.date >= today).length).toBeGreaterThan(0);
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

  it('leaves no booking outside the season', async () => {
    const outside = await db
      .selectFrom('bookings')
      .select('date')
      .where((eb) => eb.or([eb('date', '<', season.from), eb('date', '>', season.to)]))
      .execute();
    expect(outside).toEqual([]);
  });
});
