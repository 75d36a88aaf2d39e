import { sql } from 'kysely';
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
  const households: { token: string }[] = [];
  let daysAsked = 0;
  const BATCH = 250;
  for (let start = 0; start < options.households; start += BATCH) {
    const n = Math.min(BATCH, options.households - start);
    const accounts = await db
      .insertInto('accounts')
      .values(Array.from({ length: n }, (_, i) => ({ email: `rush.${options.name.toLowerCase()}.${start + i}@bench.example` })))
      .returning('id')
      .execute();
    const homes = await db
      .insertInto('households')
      .values(Array.from({ length: n }, (_, i) => ({ collectivity_id: cid, name: `Famille Rush ${options.name} ${start + i}` })))
      .returning('id')
      .execute();
    await db
      .insertInto('memberships')
      .values(
        accounts.map((a, i) => ({
          collectivity_id: cid,
          account_id: a.id,
          kind: 'parent' as const,
          household_id: homes[i]?.id ?? '',
        })),
      )
      .execute();
    const children = await db
      .insertInto('children')
      .values(
        homes.map((h, i) => ({
          collectivity_id: cid,
          household_id: h.id,
          first_name: 'Enfant',
          last_name: `Rush${start + i}`,
          birth_date: '2017-01-01',
          authorised_pickups: '[]',
        })),
      )
      .returning(['id', 'household_id'])
      .execute();
    await db
      .insertInto('enrolments')
      .values(
        children.map((c) => ({
          collectivity_id: cid,
          child_id: c.id,
          activity_id: activity.id,
          from_date: days[0] ?? '',
          to_date: days[days.length - 1] ?? '',
        })),
      )
      .execute();
    const carts = await db
      .insertInto('carts')
      .values(homes.map((h) => ({ collectivity_id: cid, household_id: h.id })))
      .returning(['id', 'household_id'])
      .execute();
    const lines = children.flatMap((c) => {
      const cart = carts.find((k) => k.household_id === c.household_id);
      const count = 1 + Math.floor(random() * 5);
      const offset = Math.floor(random() * days.length);
      daysAsked += count;
      return Array.from({ length: count }, (_, k) => ({
        collectivity_id: cid,
        cart_id: cart?.id ?? '',
        child_id: c.id,
        activity_id: activity.id,
        date: days[(offset + k) % days.length] ?? '',
        action: 'book' as const,
      }));
    });
    await db.insertInto('cart_lines').values(lines).execute();
    for (const a of accounts) {
      households.push({
        token: await signAccessToken(deps.keys, { ...deps.config.auth, accessTokenSeconds: 3600 }, a.id, new Date()),
      });
    }
  }
  await sql`analyze`.execute(db);
  return { activityId: activity.id, days, placesPerDay: options.placesPerDay, households, daysAsked };
}
