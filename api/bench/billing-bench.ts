import { sql } from 'kysely';
import { type Db, openDatabase, withoutRequestTimeouts } from '../src/db/database.js';
import { localDateOf, monthRange } from '../src/domain/index.js';
import type { startFoyer } from '../src/main.js';
import { issueBillingRun } from '../src/modules/billing/issue-billing-run.js';
import { findCollectivityContext } from '../src/modules/collectivities/collectivity-context.js';

type Foyer = Awaited<ReturnType<typeof startFoyer>>;

/** How many children the billing part bills: a large town's whole canteen. */
const CHILDREN = Number(process.env.BENCH_BILLING_CHILDREN ?? 30_000);

/** The month before `today`'s: over, so it may be issued. */
function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * A month of canteen for `CHILDREN` children (two per household) of the demo town, written
 * by SQL: each weekday booked, with in-time cancellations, justified and unjustified absences,
 * walk-ins and a quotient that changes mid-month for one household in ten.
 */
async function seedMonth(foyer: Foyer, collectivityId: string, activityId: string, month: string): Promise<void> {
  // On a connection without the request timeouts: the month's 600,000 bookings are one statement.
  const seeding = await openDatabase(withoutRequestTimeouts(foyer.deps.config.database));
  try {
    await writeMonth(seeding.db, foyer, collectivityId, activityId, month);
  } finally {
    await seeding.close();
  }
}

async function writeMonth(db: Db, foyer: Foyer, collectivityId: string, activityId: string, month: string): Promise<void> {
  const { from, to } = monthRange(month);
  const households = Math.ceil(CHILDREN / 2);
  // Stamped by the Clock: creation instants have no database default (migration 0032).
  const now = foyer.deps.clock.now();
  await sql`
    insert into households (collectivity_id, name, family_quotient, resident, created_at)
    select ${collectivityId}::uuid, 'Famille Facture ' || lpad(g::text, 6, '0'), (g * 37) % 2000, g % 10 <> 0, ${now}
    from generate_series(1, ${households}::int) g`.execute(db);
  await sql`
    insert into guardians (collectivity_id, household_id, first_name, last_name, email)
    select collectivity_id, id, 'Camille', name, 'facture.' || replace(id::text, '-', '') || '@bench.example'
    from households where collectivity_id = ${collectivityId}::uuid and name like 'Famille Facture %'`.execute(db);
  await sql`
    insert into children (collectivity_id, household_id, first_name, last_name, birth_date)
    select h.collectivity_id, h.id, 'Enfant ' || n, h.name, date '2017-03-01'
    from households h cross join generate_series(1, 2) n
    where h.collectivity_id = ${collectivityId}::uuid and h.name like 'Famille Facture %'`.execute(db);
  await sql`
    insert into family_quotients (collectivity_id, household_id, applies_from, quotient, recorded_at)
    select collectivity_id, id, ${from}::date + 14, 450, ${foyer.deps.clock.now()}
    from households where collectivity_id = ${collectivityId}::uuid and name like 'Famille Facture %' and family_quotient % 10 = 3`.execute(
    db,
  );
  await sql`
    with days as (
      select d::date as date from generate_series(${from}::date, ${to}::date, interval '1 day') d
      where extract(isodow from d) < 6
    ), rows as (
      select c.collectivity_id, c.household_id, c.id as child_id, days.date,
        abs(hashtextextended(c.id::text || days.date::text, 0)) % 100 as roll
      from children c
      join households h on h.collectivity_id = c.collectivity_id and h.id = c.household_id
      cross join days
      where c.collectivity_id = ${collectivityId}::uuid and h.name like 'Famille Facture %'
    )
    insert into bookings (collectivity_id, household_id, child_id, activity_id, date, status, price_cents, attendance, walk_in, created_at)
    select collectivity_id, household_id, child_id, ${activityId}::uuid, date,
      case when roll < 5 then 'cancelled' else 'booked' end,
      0,
      case when roll < 5 then null when roll < 8 then 'absent_justified' when roll < 11 then 'absent_unjustified' else 'present' end,
      roll = 99,
      ${now}
    from rows`.execute(db);
  await sql`analyze bookings`.execute(db);
  await sql`analyze children`.execute(db);
  await sql`analyze households`.execute(db);
}

/**
 * Issues a month of postpaid canteen for 30,000 children on PostgreSQL, as the back office
 * does (target ≤ 60 s), sampling the process's resident memory meanwhile.
 */
export async function benchBilling(foyer: Foyer) {
  const { db } = foyer.deps;
  const collectivity = await findCollectivityContext(db, { slug: 'ville-de-demo' });
  if (!collectivity) throw new Error('the demo town is missing');
  const activity = await db
    .selectFrom('activities')
    .select('id')
    .where('collectivity_id', '=', collectivity.id)
    .where('payment_mode', '=', 'postpaid')
    .where('archived_at', 'is', null)
    .orderBy('position')
    .executeTakeFirstOrThrow();
  const month = previousMonth(localDateOf(foyer.deps.clock.now(), collectivity.timeZone));
  await seedMonth(foyer, collectivity.id, activity.id, month);

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const run = await issueBillingRun(foyer.deps, { collectivity, accountId: null, month, leaveAnomaliesUnbilled: true });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const expected = await db
    .selectFrom('children as c')
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'c.collectivity_id').onRef('h.id', '=', 'c.household_id'),
    )
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.collectivity_id', '=', collectivity.id)
    .where('h.name', 'like', 'Famille Facture %')
    .executeTakeFirstOrThrow();
  if (expected.n < CHILDREN || run.invoiceCount < CHILDREN / 2) {
    throw new Error(`billing bench: ${expected.n} children, ${run.invoiceCount} invoices`);
  }
  return {
    billingChildren: expected.n,
    billingInvoices: run.invoiceCount,
    billingLines: run.lineCount,
    billingSeconds: Number(seconds.toFixed(1)),
    billingPeakRssMb: Math.round(peakRss / 2 ** 20),
  };
}
