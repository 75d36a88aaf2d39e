/**
 * Helpers of the seed's tests: a fresh database seeded for a given day, and checks that read
 * the seeded rows back.
 */
import { sql } from 'kysely';
import { openingDay } from '../../domain/opening-days.js';
import { type SchoolCalendar, type SchoolZone, UNKNOWN_SCHOOL_CALENDAR } from '../../domain/school-holidays.js';
import { loadSchoolCalendar } from '../../modules/school-calendar/store.js';
import { type Db, type OpenDatabase, openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { seedDemo } from './demo-seed.js';
import { installFixtureSchoolCalendar } from './school-calendar-fixture.js';

export const PASSWORD_HASH = 'scrypt$test$not-a-real-hash';
export const PUBLIC_URL = 'https://famille.ville-de-demo.example';

/** An in-memory PGlite, migrated and seeded as on `today` (with the test school calendars past the shipped ones). */
export async function seededDatabase(today: string): Promise<{ database: OpenDatabase; seeded: boolean }> {
  const database = await openDatabase({ kind: 'pglite', dataDir: undefined });
  await migrateToLatest(database.db);
  // Past the shipped school calendar, the same TEST FIXTURE as the test setups.
  await installFixtureSchoolCalendar(database.db, today);
  const { seeded } = await seedDemo(database.db, { today, passwordHash: PASSWORD_HASH, publicUrl: PUBLIC_URL });
  return { database, seeded };
}

export async function collectivityId(db: Db, slug: string): Promise<string> {
  const row = await db.selectFrom('collectivities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}

export async function accountId(db: Db, email: string): Promise<string> {
  const row = await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** Every booking, with its activity's opening rule checked by the API's own `openingDay`. */
export async function bookingsOnClosedDays(db: Db): Promise<string[]> {
  const activities = await db
    .selectFrom('activities')
    .innerJoin('collectivities', 'collectivities.id', 'activities.collectivity_id')
    .select([
      'activities.id',
      'activities.code',
      'activities.site_id',
      'activities.weekdays',
      'activities.school_holidays',
      'activities.sessions',
      'activities.season_from',
      'activities.season_to',
      'collectivities.school_holiday_zone',
    ])
    .execute();
  const closures = await db.selectFrom('closures').select(['site_id', 'activity_id', 'from_date', 'to_date', 'reason']).execute();
  const bookings = await db.selectFrom('bookings').select(['activity_id', 'date']).execute();
  const calendars = new Map<SchoolZone, SchoolCalendar>();
  for (const zone of new Set(activities.map((a) => a.school_holiday_zone)))
    calendars.set(zone, await loadSchoolCalendar(db, zone));
  const wrong: string[] = [];
  for (const booking of bookings) {
    const activity = activities.find((a) => a.id === booking.activity_id);
    if (activity === undefined) throw new Error('booking without activity');
    const day = openingDay(
      booking.date,
      {
        weekdays: activity.weekdays,
        schoolHolidays: activity.school_holidays,
        sessions: activity.sessions,
        season: { from: activity.season_from, to: activity.season_to },
      },
      {
        schoolCalendar: calendars.get(activity.school_holiday_zone) ?? UNKNOWN_SCHOOL_CALENDAR,
        alsaceMoselle: false,
        closures: closures
          .filter((c) => c.site_id === activity.site_id || c.activity_id === activity.id)
          .map((c) => ({ from: c.from_date, to: c.to_date, reason: c.reason })),
      },
    );
    if (!day.open) wrong.push(`${activity.code} ${booking.date}: ${day.reason}`);
  }
  return wrong;
}

/** The number of rows of every table, to compare before and after. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(db);
    counts[table_name] = rows[0]?.n ?? -1;
  }
  return counts;
}
