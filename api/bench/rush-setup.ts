import { sql } from 'kysely';
import type { Db } from '../src/db/database.js';
import { insertBulkFamilies } from '../src/db/seed/bulk-families.js';
import { installFixtureSchoolCalendar } from '../src/db/seed/school-calendar-fixture.js';
import { asTableOwner } from '../src/db/tenant-scope.js';
import type { AppDeps } from '../src/deps.js';
import { addDays, judgeDay, localDateOf } from '../src/domain/index.js';
import type { CollectivityContext } from '../src/lib/app-env.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import { loadActivityRules } from '../src/modules/bookings/activity-rules.js';
import { findCollectivityContext } from '../src/modules/collectivities/collectivity-context.js';

/**
 * Prepares the rush: a prepaid activity with `placesPerDay` places on `days` open days, and
 * `households` families whose carts hold 1 to 5 of those days (deterministic pseudo-random).
 */
export async function setupRush(
  deps: AppDeps,
  options: { households: number; days: number; placesPerDay: number; name: string },
) {
  const { db } = deps;
  const collectivity = await findCollectivityContext(db, { slug: 'ville-de-demo' });
  if (!collectivity) throw new Error('the demo town is not seeded');
  const cid = collectivity.id;
  const template = await db
    .selectFrom('activities')
    .selectAll()
    .where('collectivity_id', '=', cid)
    .where('code', '=', 'ALSH-JOURNEE')
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  // From BENCH_RUSH_FROM (e.g. a date in the Christmas holidays) or three weeks from now, for a
  // year: the API's own rules then pick the open days, so the rush passes on any date.
  const from = process.env.BENCH_RUSH_FROM ?? addDays(localDateOf(now, collectivity.timeZone), 21);
  // Past the shipped school calendar no day would be open: the same labelled fixture as the suites.
  const fixture = await asTableOwner(() => installFixtureSchoolCalendar(db, from));
  if (fixture.length > 0) {
    process.stderr.write(
      `school calendar: TEST FIXTURE (invented dates, labelled as such) imported for ${fixture.join(', ')}: the shipped one does not reach the rush from ${from}\n`,
    );
  }
  const activity = await db
    .insertInto('activities')
    .values({
      collectivity_id: cid,
      service_id: template.service_id,
      site_id: template.site_id,
      code: `RUSH-${options.name}`,
      name: 'STAGE DÉCOUVERTE',
      weekdays: [1, 2, 3, 4, 5],
      // Closed in the school holidays like a canteen: the day picking meets every calendar rule.
      school_holidays: 'closed',
      sessions: '[]',
      season_from: from,
      season_to: addDays(from, 365),
      capacity: options.placesPerDay,
      waitlist: true,
      booking_deadline: JSON.stringify({ kind: 'none' }),
      cancellation_deadline: JSON.stringify({ kind: 'none' }),
      payment_mode: 'prepaid',
      pricing: JSON.stringify({ currency: 'EUR', tiers: [{ maxQuotient: null, amountCents: 1200 }] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const days = await openDays(db, collectivity, activity.id, from, options.days, now);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const families = await insertBulkFamilies(db, {
    collectivityId: cid,
    count: options.households,
    prefix: `rush.${options.name}`,
    domain: 'bench.example',
    name: `Rush ${options.name}`,
    enrolments: [{ activityId: activity.id, from: days[0] ?? '', to: days[days.length - 1] ?? '' }],
    birthDate: '2017-01-01',
    createdAt: now,
  });
  const carts = await db
    .insertInto('carts')
    .values(families.map((f) => ({ collectivity_id: cid, household_id: f.householdId })))
    .returning(['id', 'household_id'])
    .execute();
  const cartOf = new Map(carts.map((k) => [k.household_id, k.id]));
  let daysAsked = 0;
  const lines = families.flatMap((f) => {
    const count = 1 + Math.floor(random() * 5);
    const offset = Math.floor(random() * days.length);
    daysAsked += count;
    return Array.from({ length: count }, (_, k) => ({
      collectivity_id: cid,
      cart_id: cartOf.get(f.householdId) ?? '',
      child_id: f.childIds[0] ?? '',
      activity_id: activity.id,
      date: days[(offset + k) % days.length] ?? '',
      action: 'book' as const,
    }));
  });
  // In parts: one statement takes at most 65,535 parameters.
  for (let start = 0; start < lines.length; start += 2000) {
    await db
      .insertInto('cart_lines')
      .values(lines.slice(start, start + 2000))
      .execute();
  }
  const households: { token: string }[] = [];
  for (const f of families) {
    households.push({
      token: await signAccessToken(deps.keys, { ...deps.config.auth, accessTokenSeconds: 3600 }, f.accountId, now),
    });
  }
  await sql`analyze`.execute(db);
  return { activityId: activity.id, days, placesPerDay: options.placesPerDay, households, daysAsked };
}

/**
 * The first `count` days from `from` on which the activity is open and bookable now, judged by
 * the rules the checkout itself applies (weekdays, public and school holidays, closures).
 */
async function openDays(
  db: Db,
  collectivity: CollectivityContext,
  activityId: string,
  from: string,
  count: number,
  now: Date,
): Promise<string[]> {
  const rules = (await loadActivityRules(db, collectivity, [activityId])).get(activityId);
  if (!rules) throw new Error('the rush activity was not saved');
  const days: string[] = [];
  for (let d = from, tries = 0; days.length < count; d = addDays(d, 1), tries++) {
    if (tries > 365) throw new Error(`fewer than ${count} open days in the year from ${from}: is the school calendar imported?`);
    const day = judgeDay(rules, d, now);
    if (day.opening.open && day.booking.allowed) days.push(d);
  }
  return days;
}
