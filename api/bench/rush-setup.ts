import { sql } from 'kysely';
import { insertBulkFamilies } from '../src/db/seed/bulk-families.js';
import type { AppDeps } from '../src/deps.js';
import { addDays, weekdayOf } from '../src/domain/index.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';

/**
 * Prepares the rush: a prepaid activity with `placesPerDay` places on `days` open days, and
 * `households` families whose carts hold 1 to 5 of those days (deterministic pseudo-random).
 */
export async function setupRush(
  deps: AppDeps,
  options: { households: number; days: number; placesPerDay: number; name: string },
) {
  const { db } = deps;
  const collectivity = await db
    .selectFrom('collectivities')
    .select('id')
    .where('slug', '=', 'ville-de-demo')
    .executeTakeFirstOrThrow();
  const cid = collectivity.id;
  const template = await db
    .selectFrom('activities')
    .selectAll()
    .where('collectivity_id', '=', cid)
    .where('code', '=', 'ALSH-JOURNEE')
    .executeTakeFirstOrThrow();
  // Weekdays a few weeks ahead, on an activity open every weekday all year: the rush is about
  // capacity, not calendars.
  const days: string[] = [];
  for (let d = addDays(new Date().toISOString().slice(0, 10), 21); days.length < options.days; d = addDays(d, 1)) {
    if (weekdayOf(d) <= 5) days.push(d);
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
      school_holidays: 'open',
      sessions: '[]',
      season_from: days[0] ?? '',
      season_to: days[days.length - 1] ?? '',
      capacity: options.placesPerDay,
      waitlist: true,
      booking_deadline: JSON.stringify({ kind: 'none' }),
      cancellation_deadline: JSON.stringify({ kind: 'none' }),
      payment_mode: 'prepaid',
      pricing: JSON.stringify({ currency: 'EUR', tiers: [{ maxQuotient: null, amountCents: 1200 }] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
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
      token: await signAccessToken(deps.keys, { ...deps.config.auth, accessTokenSeconds: 3600 }, f.accountId, new Date()),
    });
  }
  await sql`analyze`.execute(db);
  return { activityId: activity.id, days, placesPerDay: options.placesPerDay, households, daysAsked };
}
