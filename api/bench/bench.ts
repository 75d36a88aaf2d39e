/**
 * `npm run bench`: measures Foyer on PostgreSQL, in one run, against baselines of the same run.
 * (a) calendar reads (one month, one child) vs. a route that runs `SELECT 1` through the same
 *     pool (`/healthz`), 64 connections; (b) a registration rush: 2,000 concurrent checkouts of
 *     1 to 5 days over 200 places; (c) a sign-in storm: 2,000 parents over 200 connections while
 *     the calendar is read. Prints one JSON object as its last line and writes
 *     docs/benchmarks.md.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { sql } from 'kysely';
import postgres from 'postgres';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { gzipBytes } from '../src/lib/content-coding.js';
import { listen } from '../src/lib/listen.js';
import { createLogger } from '../src/lib/logger.js';
import { startFoyer } from '../src/main.js';
import { HASHING_NICE } from '../src/modules/auth/hashing-threads.js';
import { benchBilling } from './billing-bench.js';
import { benchColdCalendar } from './cold-calendar.js';
import { collectGarbage } from './collect-garbage.js';
import { benchExport } from './export-bench.js';
import { benchImport } from './import-bench.js';
import { LoadWorker } from './load-worker.js';
import { profiled } from './profiled.js';
import { setupRush } from './rush-setup.js';
import { benchSigninStorm, CALENDAR_READERS, calendarTarget } from './signin-storm.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** One database per run: two benches on one server never meet. */
const DATABASE = `foyer_bench_${process.pid}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
/** `calendar`, `rush`, `signin`, `import`, `billing` or `export` (or several, comma-separated) runs those parts alone (while working on them); only a full run writes the page. */
const ONLY = process.env.BENCH_ONLY;

type Foyer = Awaited<ReturnType<typeof startFoyer>>;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Lets the database settle after a part that wrote a lot: vacuumed, analysed and checkpointed
 * now rather than by autovacuum and the checkpointer in the middle of the next part's
 * measurement (the sign-in storm after the rush's 6,000 families measured 51-54 sign-ins/s and
 * a calendar ×3-5.3; alone, 85-95/s and ×2.1-2.5).
 */
async function settle(url: string): Promise<void> {
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await owner.unsafe('vacuum (analyze)');
    await owner.unsafe('checkpoint');
  } finally {
    await owner.end();
  }
}

async function main(): Promise<void> {
  const admin = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  const pgVersion = (await admin`show server_version`)[0]?.server_version as string;
  await admin.end();

  const config = loadConfig({
    DATABASE_URL: withDatabase(SERVER_URL, DATABASE),
    DATABASE_POOL_SIZE: '10',
    LOG_LEVEL: 'silent',
    FOYER_SEED_DEMO: 'true',
    FOYER_DEV_MAILBOX: 'true',
    FOYER_DEMO_PAYMENTS: 'true',
    // The sign-in storm's parents each come from their own address, through one proxy.
    FOYER_TRUSTED_PROXIES: '1',
    // The hashing gate's width, as a town would tune it (default: the cores, at most 3).
    ...(process.env.FOYER_HASH_CONCURRENCY ? { FOYER_HASH_CONCURRENCY: process.env.FOYER_HASH_CONCURRENCY } : {}),
  });
  // Production settings: no response checking against the contract (that is for tests).
  const foyer = await startFoyer({ ...config, env: 'production' }, createLogger('silent'));
  // An ephemeral port: the benchmark never collides with a running Foyer.
  const { server, port } = await listen(foyer.app.fetch, { port: 0, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;

  const runs = (part: string) => !ONLY || ONLY.split(',').includes(part);
  const benchDatabase = withDatabase(SERVER_URL, DATABASE);
  const calendarFigures = runs('calendar')
    ? await settle(benchDatabase).then(() => benchCalendar(foyer, base, () => settle(benchDatabase)))
    : null;
  const rushFigures = runs('rush') ? await benchRush(foyer, base, () => settle(benchDatabase)) : null;
  const signinFigures = runs('signin') ? await settle(benchDatabase).then(() => benchSigninStorm(foyer, base)) : null;
  // Last: the import adds 10,000 families to the demo town, which the other parts do not expect.
  const importFigures = runs('import') ? await benchImport(foyer) : null;
  // After the import: it adds 15,000 households and a month of bookings of their own.
  const billingFigures = runs('billing') ? await benchBilling(foyer) : null;
  // A school year of a 30,000-child town's bookings, then exported: after every other part.
  const exportFigures = runs('export') ? await benchExport(foyer, base, withDatabase(SERVER_URL, DATABASE)) : null;
  server.close();
  await foyer.close();
  await foyer.database.close();
  const cleanup = postgres(SERVER_URL, { max: 1, onnotice: () => {} });
  await cleanup.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await cleanup.end();

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`;
  if (!calendarFigures || !rushFigures || !signinFigures || !importFigures || !billingFigures || !exportFigures) {
    const partial = {
      machine,
      ...calendarFigures,
      ...rushFigures,
      ...signinFigures,
      ...importFigures,
      ...billingFigures,
      ...exportFigures,
    };
    process.stdout.write(`${JSON.stringify(partial)}\n`);
    if (rushFigures && !rushHeld(rushFigures)) process.exitCode = 1;
    return;
  }
  const figures = {
    machine,
    ...calendarFigures,
    ...rushFigures,
    ...signinFigures,
    ...importFigures,
    ...billingFigures,
    ...exportFigures,
  };
  const md = `# Benchmarks

Measured by \`npm run bench\` (PostgreSQL through the production driver, pool of 10, the API on
a real HTTP port). The load comes from the same machine: autocannon in the server's process
for the calendar, a worker thread for the rush. Every figure is compared with a baseline of
the same run. The database is vacuumed and analyzed before each part and after the bench's own
bulk inserts, as autovacuum soon would on a server: plans follow the data's real sizes. The
bench process's heap (the API runs in it) is collected once after the rush's and the cold
calendar's families are set up, before their warm-up: the bursts are charged for their own
garbage, not for the setup's, and run on code compiled since. Re-run it to refresh this page; \`BENCH_ONLY=calendar\`, \`rush\`, \`signin\`, \`import\` or \`export\` (or several, comma-separated) runs those parts
(JSON only, this page is left as it is), \`BENCH_PROFILE=<folder>\` writes CPU profiles of the
measured windows.

Machine: ${figures.machine}. Run of ${new Date().toISOString().slice(0, 16)}Z.

## Calendar reads (one month, one child, 64 connections, ${DURATION} s)

Requests carry \`Accept-Encoding: gzip, deflate, br, zstd\`, as Chromium sends it.

| route | requests/s | p99 (ms) |
|---|---|---|
| baseline: \`/healthz\` (\`SELECT 1\` through the same pool) | ${figures.baselineRps} | ${figures.baselineP99Ms} |
| \`GET …/children/:id/calendar\` (one month: ${figures.calendarBytes} bytes of JSON, ${figures.calendarWireBytes} gzipped) | ${figures.calendarRps} | ${figures.calendarP99Ms} |
| the same calendar for a client that does not take gzip | ${figures.calendarIdentityRps} | ${figures.calendarIdentityP99Ms} |
| ceiling: the same ${figures.calendarWireBytes} gzipped bytes from memory, no database, no middleware | ${figures.calendarBodyOnlyRps} | |

Ratio calendar / baseline: **${figures.calendarRatio}** (target ≥ 0.75).

Row-level security's cost: the same read alternately through the app and through a second
pool whose connections stay the tables' owner (outside the policies, no scope sent), three
times 3 s each, medians: ${figures.calendarRowSecurityRps} requests/s with the policies, ${figures.calendarNoRowSecurityRps} without;
they cost the calendar **${(figures.rowSecurityCalendarCost * 100).toFixed(1)} %** of its throughput.

### Cold calendar reads (2,000 different children, their month once then again, 64 connections)

Nothing of these children is computed beforehand: the first pass is cold, the second warm.
Enrolled alike and with nothing booked, as on registration day, they share one computed
calendar (each answered under their own name): their first reads cost the rows, not the cells.
A third pass reads 2,000 other children once, each with a day of their own booked in the
month: none of theirs can be shared, every calendar is computed.
The baseline is the same 2,000 requests to \`/healthz\`, sent the same way (undici, 64 at a time).

| pass | requests/s | p99 (ms) | ratio to the baseline |
|---|---|---|---|
| baseline: \`/healthz\` | ${figures.calendarColdBaselineRps} | | |
| cold: each child's first read | ${figures.calendarColdRps} | ${figures.calendarColdP99Ms} | **${figures.calendarColdRatio}** (target ≥ 0.4) |
| warm: the same reads again | ${figures.calendarColdWarmRps} | | ${figures.calendarColdWarmRatio} |
| cold, each child with a day booked: every calendar computed | ${figures.calendarColdOwnRps} | ${figures.calendarColdOwnP99Ms} | ${figures.calendarColdOwnRatio} |

## Registration rush

${figures.rushCheckouts} households validate their cart at the same instant, each with 1 to 5
days of a prepaid leisure activity that has ${figures.rushPlacesPerDay} places on each of ${figures.rushDays} days
(${figures.rushPlaces} places, ${figures.rushDaysAsked} days asked), on connections already open,
after a first rush of 2,000 other families, not reported, as on a server that has run (its code
compiled, the checkout's statements prepared on every pooled connection).
Twice, with 2,000 other families each time: **portal open**, each family's browser has read
its cart a moment before with the same token (as the cart widget does when it shows); **cold**,
the checkout is the server's first sight of every token.

| figure | portal open | cold |
|---|---|---|
| total time | ${figures.rushSeconds} s | ${figures.rushColdSeconds} s |
| p50 / p99 latency | ${figures.rushP50Ms} ms / **${figures.rushP99Ms} ms** | ${figures.rushColdP50Ms} ms / ${figures.rushColdP99Ms} ms |
| checkouts/s | ${figures.rushCheckoutsPerSecond} | |
| failed checkouts | ${figures.rushFailed} | ${figures.rushColdFailed} |
| places booked (held for payment) | ${figures.rushBooked} of ${figures.rushPlaces} | ${figures.rushColdBooked} of ${figures.rushPlaces} |
| **overbooked** (both) | **${figures.overbooked}** (must be 0) | |
| baseline: the same ${figures.rushCheckouts} requests at once to \`/healthz\` (\`SELECT 1\`) | ${figures.rushBaselineSeconds} s, p99 ${figures.rushBaselineP99Ms} ms | |

Target: p99 under 1 s. Rush p99 / p99 of the same burst to \`/healthz\` (\`rushP99Ratio\`):
**${figures.rushP99Ratio}** (target ≤ 1.5).

Row-level security's cost: the open-portal rush once more, 2,000 other families, through a
second pool outside the policies (connections stay the tables' owner, no scope sent), warmed up
by a rush of its own: p99
${figures.rushNoRowSecurityP99Ms} ms, ${figures.rushNoRowSecuritySeconds} s in all, \`rushP99Ratio\` ${figures.rushNoRowSecurityP99Ratio}, against
${figures.rushP99Ms} ms and ${figures.rushP99Ratio} with them.

## Sign-in storm

${figures.signinParents} different parents sign in at the same moment over ${figures.signinConnections} connections, each
from their own address (behind one trusted proxy), with argon2id at the production cost
(${figures.hashArgon2}, an OWASP setting), ${figures.hashConcurrency} hash(es) at a time through the hashing gate, on threads at nice ${HASHING_NICE} (a low CPU priority); meanwhile
${CALENDAR_READERS} connections keep reading a calendar month. A \`503 server_busy\` is retried after its
\`Retry-After\`, as the SDK does. The storm is run ${figures.signinPerSecondRuns.length} times, each with parents of its own.

| figure | value |
|---|---|
| sign-ins/s, each of the ${figures.signinPerSecondRuns.length} storms of this run | **${figures.signinPerSecondRuns.join(' / ')}** (target ≥ 60) |
| calendar p99 during / before the storm, each storm | ×${figures.calendarStormRatioRuns.join(' / ×')} (target ≤ 3) |
| 5xx or network errors left, each storm | ${figures.signin5xxRuns.join(' / ')} (must be 0) |

The storm of median sign-ins/s in detail:

| figure | value |
|---|---|
| sign-ins/s | **${figures.signinPerSecond}** (target ≥ 60) |
| total time | ${figures.signinSeconds} s |
| p50 / p99 latency (retries included) | ${figures.signinP50Ms} ms / ${figures.signinP99Ms} ms |
| signed in | ${figures.signinOk} of ${figures.signinParents} |
| 503 retried to success | ${figures.signinRetried503} |
| 5xx or network errors left | **${figures.signin5xx}** (must be 0) |
| calendar p99 quiet → during the storm | ${figures.calendarQuietP99Ms} ms → ${figures.calendarStormP99Ms} ms (×${figures.calendarStormRatio}, target ≤ 3) |
| peak RSS of the process (API + load workers), highest of the storms | ${figures.signinPeakRssMiB} MiB |

## Import of families

${figures.importFamilies} families (${figures.importRows} rows: two guardians and two enrolled
children each, Windows-1252, ${figures.importFileBytes} bytes) imported into the demo town as the
back office does it, each family all or nothing: **${figures.importSeconds} s**
(${figures.importRowsPerSecond} rows/s). Target: ≤ 60 s.

## Monthly billing run

A month of postpaid canteen for ${figures.billingChildren} children (two per household, every
weekday booked, with cancellations, absences justified or not, walk-ins and quotients changing
mid-month) issued as the back office does it, all or nothing in one transaction:
${figures.billingInvoices} invoices, ${figures.billingLines} lines, their notices queued, in
**${figures.billingSeconds} s**, peak RSS of the process ${figures.billingPeakRssMb} MiB. Target: ≤ 60 s.

## Export of a school year

The bookings of a school year for ${figures.exportChildren} children (the canteen four days a week:
${figures.exportRows} rows, ${figures.exportBytes} bytes of CSV) downloaded through the API as the back
office does it, streamed a day at a time: **${figures.exportSeconds} s** (${figures.exportRowsPerSecond}
rows/s); peak RSS of the process (API and reader) ${figures.exportPeakRssMb} MiB, from
${figures.exportRssBeforeMb} MiB before.
`;
  await writeFile(new URL('../../docs/benchmarks.md', import.meta.url), md);

  process.stdout.write(`${md}\n${JSON.stringify(figures)}\n`);
  if (!rushHeld(figures)) process.exitCode = 1;
}

/** Demand is many times the places: nothing overbooked or failed, and every place taken in both rushes. */
function rushHeld(figures: NonNullable<Awaited<ReturnType<typeof benchRush>>>): boolean {
  const full = figures.rushBooked === figures.rushPlaces && figures.rushColdBooked === figures.rushPlaces;
  return figures.overbooked === 0 && figures.rushFailed === 0 && figures.rushColdFailed === 0 && full;
}

/** (a) Calendar reads of one month for one child, against SELECT 1 through the same pool. */
async function benchCalendar(foyer: Foyer, base: string, settleDatabase: () => Promise<void>) {
  const target = await calendarTarget(foyer, base);
  const calendarPath = target.url.slice(base.length);
  const token = (target.headers.authorization ?? '').replace('Bearer ', '');
  const check = await fetch(base + calendarPath, { headers: { authorization: `Bearer ${token}` } });
  if (check.status !== 200) throw new Error(`calendar answered ${check.status}: ${await check.text()}`);

  // Browsers always send Accept-Encoding: the main figures are with it, as Chromium sends it;
  // the calendar is also measured without it (identity bytes).
  const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };
  const auth = { authorization: `Bearer ${token}` };
  const load = (url: string, headers: Record<string, string>, duration = DURATION) =>
    autocannon({ url, connections: 64, duration, headers });
  await load(`${base}/healthz`, browser, 1); // warm-up
  const baseline = await load(`${base}/healthz`, browser);
  await load(base + calendarPath, { ...auth, ...browser }, 1);
  const calendar = await profiled('calendar', () => load(base + calendarPath, { ...auth, ...browser }));
  const identity = await load(base + calendarPath, auth);
  for (const [name, run] of [
    ['calendar', calendar],
    ['calendar (identity)', identity],
  ] as const) {
    if (run.non2xx > 0 || run.errors > 0) throw new Error(`${name}: ${run.non2xx} non-2xx, ${run.errors} errors`);
  }

  // A second baseline: the same calendar bytes served from memory with no database and no
  // middleware. It shows what the size of the answer alone costs this HTTP stack.
  const calendarBytes = new Uint8Array(await (await fetch(base + calendarPath, { headers: auth })).arrayBuffer());
  const wireBytes = gzipBytes(calendarBytes);
  const echo = new Hono();
  echo.get('/calendar', (c) =>
    c.body(wireBytes, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'gzip' }),
  );
  const echoServer = await listen(echo.fetch, { port: 0, hostname: '127.0.0.1' });
  const echoUrl = `http://127.0.0.1:${echoServer.port}/calendar`;
  const bodyOnly = await load(echoUrl, browser);
  echoServer.server.close();
  const rowSecurity = await benchRowSecurityCost(foyer, base, calendarPath, { ...auth, ...browser }, load);
  const cold = await benchColdCalendar(
    foyer.deps,
    base,
    { childId: target.childId, from: target.from, to: target.to },
    settleDatabase,
  );

  return {
    ...cold,
    ...rowSecurity,
    calendarRps: Math.round(calendar.requests.average),
    baselineRps: Math.round(baseline.requests.average),
    calendarRatio: Number((calendar.requests.average / baseline.requests.average).toFixed(3)),
    calendarP99Ms: calendar.latency.p99,
    calendarBytes: calendarBytes.length,
    calendarWireBytes: wireBytes.length,
    calendarIdentityRps: Math.round(identity.requests.average),
    calendarIdentityP99Ms: identity.latency.p99,
    calendarBodyOnlyRps: Math.round(bodyOnly.requests.average),
    baselineP99Ms: baseline.latency.p99,
  };
}

/**
 * Runs `work` against the same app on a second pool whose connections are never set to the
 * API's role: they stay the tables' owner, outside the row-level security policies, and send
 * no scope. What the policies cost is the difference with the same work through the real app.
 */
async function withoutRowSecurity<T>(foyer: Foyer, work: (base: string) => Promise<T>): Promise<T> {
  const owner = await openDatabase(foyer.deps.config.database);
  const { server, port } = await listen(createApp({ ...foyer.deps, db: owner.db }).fetch, { port: 0, hostname: '127.0.0.1' });
  try {
    return await work(`http://127.0.0.1:${port}`);
  } finally {
    server.close();
    await owner.close();
  }
}

/**
 * The calendar read with and without row-level security, alternated three times (3 s each) so
 * that the machine's drift between windows does not pass for the policies' cost; medians.
 */
function benchRowSecurityCost(
  foyer: Foyer,
  base: string,
  calendarPath: string,
  headers: Record<string, string>,
  load: (url: string, headers: Record<string, string>, duration?: number) => ReturnType<typeof autocannon>,
) {
  return withoutRowSecurity(foyer, async (plainBase) => {
    await load(plainBase + calendarPath, headers, 1);
    const withPolicies: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < 3; round++) {
      withPolicies.push((await load(base + calendarPath, headers, 3)).requests.average);
      without.push((await load(plainBase + calendarPath, headers, 3)).requests.average);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0;
    return {
      calendarRowSecurityRps: Math.round(median(withPolicies)),
      calendarNoRowSecurityRps: Math.round(median(without)),
      rowSecurityCalendarCost: Number((1 - median(withPolicies) / median(without)).toFixed(3)),
    };
  });
}

/**
 * (b) The registration rush, twice, each with its own 2,000 families and activity: with the
 * portal open (each family's browser has read its cart with its token a moment before, as the
 * cart widget does when it shows: the server knows the token), and cold (every token is new
 * to the server, whose first use of it is the checkout).
 */
async function benchRush(
  foyer: Foyer,
  base: string,
  /** Vacuums and analyzes the database after the bulk inserts, as autovacuum soon would on a server. */
  settle: () => Promise<void>,
) {
  const setup = (name: string, households = 2000) => setupRush(foyer.deps, { households, days: 5, placesPerDay: 40, name });
  const [warmUp, openRush, coldRush, plainWarmUp, plainRush] = [
    await setup('WARM'),
    await setup('OPEN'),
    await setup('COLD'),
    await setup('PLAIN_WARM'),
    await setup('PLAIN'),
  ];
  // The families, carts and lines exist before registration day: the plans know their sizes.
  await settle();
  // New activities are bookable once the rules cache has seen them (config.cacheSeconds).
  await new Promise((resolve) => setTimeout(resolve, foyer.deps.config.cacheSeconds * 1000 + 100));
  const load = new LoadWorker();
  try {
    // The 10,000 families' setup garbage is collected now, before the code is compiled again by
    // the warm-up (see collect-garbage.ts), not in whichever burst comes next.
    collectGarbage();
    // A rush first, not reported, as on a server that has run: the code paths are compiled, and
    // every pooled connection has prepared the checkout's statements (postgres.js prepares a
    // statement per connection; on a new one it first asks the types, one more round trip, and
    // the database plans it: a 400-family warm-up left 6 of the reported rush's 9 batches paying
    // that, ×1.14 on its p99 over 4 runs each).
    await rushOnce(foyer, base, load, warmUp, { name: 'WARM', portalOpen: false });
    const open = await rushOnce(foyer, base, load, openRush, { name: 'OPEN', portalOpen: true });
    const cold = await rushOnce(foyer, base, load, coldRush, { name: 'COLD', portalOpen: false });
    // The open-portal rush again, outside row-level security: what the policies cost a checkout.
    // Its own pool is warmed up the same way.
    const plain = await withoutRowSecurity(foyer, async (plainBase) => {
      await rushOnce(foyer, plainBase, load, plainWarmUp, { name: 'PLAIN_WARM', portalOpen: false });
      return rushOnce(foyer, plainBase, load, plainRush, { name: 'PLAIN', portalOpen: true });
    });
    return {
      ...open,
      rushNoRowSecurityP99Ms: plain.rushP99Ms,
      rushNoRowSecurityP99Ratio: plain.rushP99Ratio,
      rushNoRowSecuritySeconds: plain.rushSeconds,
      rushColdSeconds: cold.rushSeconds,
      rushColdP50Ms: cold.rushP50Ms,
      rushColdP99Ms: cold.rushP99Ms,
      rushColdFailed: cold.rushFailed,
      rushColdBooked: cold.rushBooked,
      overbooked: open.overbooked + cold.overbooked + plain.overbooked,
      // The open days the API's rules picked (BENCH_RUSH_FROM moves them, e.g. into a holiday period).
      rushDates: openRush.days.join(' '),
    };
  } finally {
    await load.close();
  }
}

async function rushOnce(
  foyer: Foyer,
  base: string,
  load: LoadWorker,
  rush: Awaited<ReturnType<typeof setupRush>>,
  options: { name: string; portalOpen: boolean },
) {
  const { db } = foyer.deps;
  const authorization = (token: string) => ({ authorization: `Bearer ${token}` });
  // A first burst opens the connections: the parents have the portal open before 8:00.
  await load.burst(rush.households.map(() => ({ url: `${base}/healthz` })));
  if (options.portalOpen) {
    await load.burst(
      rush.households.map((h) => ({
        url: `${base}/v1/collectivities/ville-de-demo/cart`,
        init: { headers: authorization(h.token) },
      })),
    );
  }
  // Baseline of the same run: as many concurrent requests, on the same connections, to a
  // route that runs `SELECT 1` through the same pool.
  const floor = await load.burst(rush.households.map(() => ({ url: `${base}/healthz` })));
  const checkouts = await profiled(`rush-${options.name}`, () =>
    load.burst(
      rush.households.map((h, i) => ({
        url: `${base}/v1/collectivities/ville-de-demo/cart/checkout`,
        init: {
          method: 'POST',
          headers: {
            ...authorization(h.token),
            'content-type': 'application/json',
            'idempotency-key': `bench-rush-${options.name}-${i}`,
          },
          body: '{}',
        },
      })),
    ),
  );
  const counts = await db
    .selectFrom('bookings')
    .select([
      'date',
      sql<number>`count(*) filter (where status in ('booked','pending_payment','cancel_requested'))::int`.as('taken'),
    ])
    .where('activity_id', '=', rush.activityId)
    .groupBy('date')
    .execute();
  return {
    rushCheckouts: rush.households.length,
    rushFailed: checkouts.statuses.filter((s) => s !== 200).length,
    rushSeconds: Number(checkouts.seconds.toFixed(2)),
    rushCheckoutsPerSecond: Math.round(rush.households.length / checkouts.seconds),
    rushP50Ms: Math.round(percentile(checkouts.latencies, 50)),
    rushP99Ms: Math.round(percentile(checkouts.latencies, 99)),
    rushBooked: counts.reduce((sum, c) => sum + c.taken, 0),
    rushPlaces: rush.placesPerDay * rush.days.length,
    rushDaysAsked: rush.daysAsked,
    rushBaselineSeconds: Number(floor.seconds.toFixed(2)),
    rushBaselineP99Ms: Math.round(percentile(floor.latencies, 99)),
    // Rush p99 over the p99 of the same burst to `/healthz`: what the checkout adds to the stack.
    rushP99Ratio: Number((percentile(checkouts.latencies, 99) / Math.max(1, percentile(floor.latencies, 99))).toFixed(2)),
    rushPlacesPerDay: rush.placesPerDay,
    rushDays: rush.days.length,
    overbooked: counts.reduce((sum, c) => sum + Math.max(0, c.taken - rush.placesPerDay), 0),
  };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
