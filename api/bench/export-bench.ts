import postgres from 'postgres';
import { DEMO } from '../src/db/seed/demo-seed.js';
import type { startFoyer } from '../src/main.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';

type Foyer = Awaited<ReturnType<typeof startFoyer>>;

/** How many children the export part books: a large town's school year. */
const CHILDREN = Number(process.env.BENCH_EXPORT_CHILDREN ?? 30_000);
/** A school year, fixed: the data is generated, nothing in it is compared with now. */
const YEAR = { from: '2025-09-01', to: '2026-07-03' };
/** The year's school holidays (zone A), closed to the canteen. */
const HOLIDAYS = [
  ['2025-10-18', '2025-11-02'],
  ['2025-12-20', '2026-01-04'],
  ['2026-02-07', '2026-02-22'],
  ['2026-04-04', '2026-04-19'],
];

/**
 * Books the canteen for `CHILDREN` children (two per household) on every school day of a year
 * (Monday, Tuesday, Thursday, Friday), straight in SQL: the setup is not what is measured.
 * The version triggers are skipped (replica role): no one reads the calendar meanwhile.
 */
async function bookSchoolYear(url: string, collectivityId: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`set session_replication_role = replica`;
    const [activity] =
      await sql`select a.id from activities a join services s on s.collectivity_id = a.collectivity_id and s.id = a.service_id
      where a.collectivity_id = ${collectivityId} and s.kind = 'canteen' and a.archived_at is null order by a.position, a.id limit 1`;
    if (!activity) throw new Error('export bench: the demo town has no canteen');
    // Stamped, as the Clock would, before their bookings: the table has no default (migration 0032).
    await sql`insert into households (collectivity_id, id, name, created_at)
      select ${collectivityId}, gen_random_uuid(), 'Famille Bench ' || i, ${YEAR.from}::date - 21
      from generate_series(1, ${CHILDREN / 2}) i`;
    await sql`insert into children (collectivity_id, household_id, first_name, last_name, birth_date, authorised_pickups)
      select h.collectivity_id, h.id, p.first_name, substr(h.name, 9), date '2017-05-05', '[]'::jsonb
      from households h cross join (values ('Zoé'), ('Loïc')) p(first_name)
      where h.collectivity_id = ${collectivityId} and h.name like 'Famille Bench %'`;
    const holidays = HOLIDAYS.map(([from, to]) => `(d between '${from}' and '${to}')`).join(' or ');
    const [inserted] = await sql.unsafe(
      `with days as (
         select d::date as d from generate_series($2::date, $3::date, interval '1 day') d
         where extract(isodow from d) in (1, 2, 4, 5) and not (${holidays})
       ), ins as (
         insert into bookings (collectivity_id, household_id, child_id, activity_id, date, status, price_cents, created_at, updated_at)
         select ch.collectivity_id, ch.household_id, ch.id, $4, days.d, 'booked', 385, days.d - 20, days.d - 20
         from children ch cross join days
         where ch.collectivity_id = $1 and ch.last_name like 'Bench %'
         returning 1
       ) select count(*)::int as n from ins`,
      [collectivityId, YEAR.from, YEAR.to, activity.id],
    );
    await sql`analyze households, children, bookings`;
    return inserted?.n as number;
  } finally {
    await sql.end();
  }
}

/**
 * Exports a school year of a 30,000-child town's bookings through the HTTP API, as the back
 * office downloads it, reading the stream to its end; the peak RSS of the process (the API
 * and the reader) is sampled while it runs.
 */
export async function benchExport(foyer: Foyer, base: string, databaseUrl: string) {
  const { db } = foyer.deps;
  const town = await db
    .selectFrom('collectivities')
    .select('id')
    .where('slug', '=', DEMO.collectivities.demo)
    .executeTakeFirstOrThrow();
  const booked = await bookSchoolYear(databaseUrl, town.id);
  const admin = await db.selectFrom('accounts').select('id').where('email', '=', DEMO.agent).executeTakeFirstOrThrow();
  const token = await signAccessToken(
    foyer.deps.keys,
    { ...foyer.deps.config.auth, accessTokenSeconds: 3600 },
    admin.id,
    new Date(),
  );

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const res = await fetch(
    `${base}/v1/collectivities/${DEMO.collectivities.demo}/admin/exports/bookings.csv?from=${YEAR.from}&to=${YEAR.to}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (res.status !== 200 || !res.body) throw new Error(`export bench: ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 0x0a) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const rows = lines - 1;
  if (rows < booked) throw new Error(`export bench: ${rows} rows exported, ${booked} booked`);
  return {
    exportChildren: CHILDREN,
    exportRows: rows,
    exportBytes: bytes,
    exportSeconds: Number(seconds.toFixed(1)),
    exportRowsPerSecond: Math.round(rows / seconds),
    exportRssBeforeMb: Math.round(rssBefore / 2 ** 20),
    exportPeakRssMb: Math.round(peakRss / 2 ** 20),
  };
}
