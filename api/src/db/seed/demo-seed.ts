/**
 * The demo data of the embedded default: "Ville de Démo" with its services, families, a month of
 * bookings, a request history and invoices, and "Saint-Exemple", a second town the demo parent also
 * belongs to. Every date is relative to `today`, so the demo never goes stale: the season spans
 * the school year of `today`, with the one before at the rentrée (for a history of past days) and
 * the next one from May (so that canteen days and sessions can still be booked in the summer);
 * see `demoSeasonAround`.
 */
import { type Kysely, sql } from 'kysely';
import { loadSchoolCalendar } from '../../modules/school-calendar/store.js';
import type { Database } from '../schema.js';
import { seedDemoAgents } from './demo-agents.js';
import { seedBookings } from './demo-bookings.js';
import { seedCatalog } from './demo-catalog.js';
import { seedFamilies } from './demo-families.js';
import { seedInvoices } from './demo-invoices.js';
import { seedRequests } from './demo-requests.js';
import { demoSeasonAround } from './school-calendar.js';

/** The demo's towns and logins, as shown on the demo site. */
export const DEMO = {
  collectivities: { demo: 'ville-de-demo', second: 'saint-exemple' },
  password: 'foyer-demo-2026',
  parent: 'parent.demo@example.org',
  parent2: 'parent2.demo@example.org',
  /** The demo town's admin. */
  agent: 'agent.demo@example.org',
  /** Meal counts and allergies only. */
  kitchen: 'kitchen.demo@example.org',
  /** Roll call and care plans of their sites. */
  animator: 'animator.demo@example.org',
} as const;

export interface DemoSeedOptions {
  /** `YYYY-MM-DD`, the local date in Europe/Paris; every seeded date is relative to it. */
  today: string;
  /** The demo password, already hashed, stored as `accounts.password_hash` of the three logins. */
  passwordHash: string;
  /** Where the API and the demo site are served, e.g. `http://localhost:8787`. */
  publicUrl: string;
}

/** Any constant shared by every process seeding the same database, so that two never seed at once. */
const SEED_LOCK = 4_242_001;

/**
 * Seeds the demo towns into a migrated database, in one transaction; does nothing when
 * `ville-de-demo` already exists.
 *
 * @example
 * const { seeded } = await seedDemo(db, { today: '2026-11-27', passwordHash, publicUrl: 'http://localhost:8787' });
 */
export async function seedDemo(db: Kysely<Database>, options: DemoSeedOptions): Promise<{ seeded: boolean }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new RangeError(`today must be YYYY-MM-DD, not ${options.today}`);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    const existing = await trx
      .selectFrom('collectivities')
      .select('id')
      .where('slug', '=', DEMO.collectivities.demo)
      .executeTakeFirst();
    if (existing !== undefined) return { seeded: false };

    const { today, passwordHash, publicUrl } = options;
    // The API's own school calendars (loaded by the migrations), so that seeded days are open days.
    const calendars = { demo: await loadSchoolCalendar(trx, 'C'), second: await loadSchoolCalendar(trx, 'A') };
    const schoolYear = demoSeasonAround(today, calendars.demo);
    const catalog = await seedCatalog(trx, { today, schoolYear, publicUrl, calendars });
    const families = await seedFamilies(trx, {
      today,
      schoolYear,
      catalog,
      passwordHash,
      accounts: {
        parent: { email: DEMO.parent, displayName: 'Maria Sanchez-Cordoves' },
        parent2: { email: DEMO.parent2, displayName: 'Camille Martin' },
        agent: { email: DEMO.agent, displayName: 'Nadia Roche (service Enfance)' },
      },
    });
    await seedDemoAgents(trx, {
      collectivityId: catalog.demo.collectivityId,
      passwordHash,
      verifiedAt: new Date(`${today}T08:00:00Z`),
      agents: [
        { email: DEMO.kitchen, displayName: 'Karim Belkacem (cuisine centrale)', role: 'kitchen' },
        { email: DEMO.animator, displayName: 'Léa Fontaine (accueil de loisirs)', role: 'animator' },
      ],
    });
    await seedBookings(trx, { today, catalog, families });
    await seedRequests(trx, { today, collectivityId: catalog.demo.collectivityId, families });
    const [demoHousehold] = families.demo;
    if (demoHousehold) await seedInvoices(trx, { today, collectivityId: catalog.demo.collectivityId, household: demoHousehold });
    return { seeded: true };
  });
}
