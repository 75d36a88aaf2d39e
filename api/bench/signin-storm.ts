import { DEMO } from '../src/db/seed/demo-seed.js';
import type { startFoyer } from '../src/main.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import type { Argon2Parameters } from '../src/modules/auth/password-hashing.js';
import { type BurstResult, LoadWorker } from './load-worker.js';
import { profiled } from './profiled.js';

type Foyer = Awaited<ReturnType<typeof startFoyer>>;

const PARENTS = 2000;
const CONNECTIONS = 200;
/** Connections that keep reading the calendar during the storm. */
export const CALENDAR_READERS = 8;
const QUIET_SECONDS = 3;
const PASSWORD = 'une phrase de passe de parent';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** One month of the demo child's calendar, and a token of its parent: the read that must not starve. */
export async function calendarTarget(
  foyer: Foyer,
  base: string,
): Promise<{ url: string; headers: Record<string, string>; childId: string; from: string; to: string }> {
  const { db, config } = foyer.deps;
  const account = await db.selectFrom('accounts').select('id').where('email', '=', DEMO.parent).executeTakeFirstOrThrow();
  const token = await signAccessToken(foyer.deps.keys, { ...config.auth, accessTokenSeconds: 3600 }, account.id, new Date());
  const child = await db
    .selectFrom('children')
    .innerJoin('memberships', (j) => j.onRef('memberships.household_id', '=', 'children.household_id'))
    .innerJoin('collectivities', 'collectivities.id', 'children.collectivity_id')
    .select('children.id')
    .where('memberships.account_id', '=', account.id)
    .where('collectivities.slug', '=', 'ville-de-demo')
    .executeTakeFirstOrThrow();
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  return {
    url: `${base}/v1/collectivities/ville-de-demo/children/${child.id}/calendar?from=${from}&to=${to}`,
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br, zstd' },
    childId: child.id,
    from,
    to,
  };
}

/** Reads the calendar on a few connections, over and over, until `until` settles; the latencies, sorted. */
async function readCalendarUntil(
  load: LoadWorker,
  target: { url: string; headers: Record<string, string> },
  until: Promise<unknown>,
) {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const latencies: number[] = [];
  let failed = 0;
  while (!done) {
    const round = await load.burst(
      Array.from({ length: CALENDAR_READERS }, () => ({ url: target.url, init: { headers: target.headers } })),
    );
    latencies.push(...round.latencies);
    failed += round.statuses.filter((s) => s !== 200).length;
  }
  return { latencies: latencies.sort((a, b) => a - b), failed };
}

/**
 * (c) The sign-in storm: 2,000 different parents sign in at the same moment over 200
 * connections, each from their own address (behind one trusted proxy), at the production
 * argon2id cost, while calendar reads go on. A `503 server_busy` from the hashing gate is
 * retried after its Retry-After, as the SDK does. Three storms, each with parents of its own.
 */
export async function benchSigninStorm(foyer: Foyer, base: string) {
  const runs: Awaited<ReturnType<typeof oneStorm>>[] = [];
  for (let run = 1; run <= STORMS; run++) runs.push(await oneStorm(foyer, base, run));
  // The run of median sign-ins/s carries the headline figures; every run's main ones are listed.
  const median = [...runs].sort((a, b) => a.signinPerSecond - b.signinPerSecond)[Math.floor(STORMS / 2)] ?? runs[0];
  if (!median) throw new Error('no sign-in storm ran');
  return {
    ...median,
    signinPerSecondRuns: runs.map((r) => r.signinPerSecond),
    calendarStormRatioRuns: runs.map((r) => r.calendarStormRatio),
    signin5xxRuns: runs.map((r) => r.signin5xx),
    signinPeakRssMiB: Math.max(...runs.map((r) => r.signinPeakRssMiB)),
  };
}

/** Storms in one bench run, each with parents of its own (the target is met three times, not once). */
export const STORMS = 3;

async function oneStorm(foyer: Foyer, base: string, run: number) {
  const { db } = foyer.deps;
  // One hash for every parent: the bench measures sign-ins, not its own set-up.
  const passwordHash = await foyer.deps.passwords.hash(PASSWORD);
  const emails = Array.from({ length: PARENTS }, (_, i) => `storm.${run}.${i}@bench.example`);
  for (let i = 0; i < emails.length; i += 500) {
    await db
      .insertInto('accounts')
      .values(emails.slice(i, i + 500).map((email) => ({ email, display_name: 'Parent', password_hash: passwordHash })))
      .execute();
  }
  const calendar = await calendarTarget(foyer, base);
  const storm = new LoadWorker();
  const reader = new LoadWorker();
  try {
    // Connections opened and code paths compiled before anything is measured.
    await storm.burst(Array.from({ length: CONNECTIONS }, () => ({ url: `${base}/healthz` })));
    const quiet = await readCalendarUntil(reader, calendar, sleep(QUIET_SECONDS * 1000));
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const signins: Promise<BurstResult> = profiled('signin-storm', () =>
      storm.burst(
        emails.map((email, i) => ({
          url: `${base}/v1/auth/login`,
          init: {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            },
            body: JSON.stringify({ email, password: PASSWORD }),
          },
        })),
        { concurrency: CONNECTIONS, retryBusy: true },
      ),
    );
    const during = await readCalendarUntil(reader, calendar, signins);
    const result = await signins;
    clearInterval(sampler);
    const quietP99 = percentile(quiet.latencies, 99);
    const stormP99 = percentile(during.latencies, 99);
    return {
      signinParents: PARENTS,
      signinConnections: CONNECTIONS,
      signinSeconds: Number(result.seconds.toFixed(2)),
      signinPerSecond: Math.round(PARENTS / result.seconds),
      signinP50Ms: Math.round(percentile(result.latencies, 50)),
      signinP99Ms: Math.round(percentile(result.latencies, 99)),
      signinOk: result.statuses.filter((s) => s === 200).length,
      signinRetried503: result.busy,
      signin5xx: result.statuses.filter((s) => s >= 500 || s === 0).length,
      signinOther: result.statuses.filter((s) => s !== 200 && s < 500 && s !== 0).length,
      calendarQuietP99Ms: Math.round(quietP99),
      calendarStormP99Ms: Math.round(stormP99),
      calendarStormRatio: Number((stormP99 / Math.max(1, quietP99)).toFixed(2)),
      calendarStormReads: during.latencies.length,
      calendarStormFailed: during.failed,
      signinPeakRssMiB: Math.round(peakRss / 2 ** 20),
      hashConcurrency: foyer.deps.passwords.stats().concurrency,
      hashArgon2: argon2Setting(foyer.deps.config.passwords.argon2),
    };
  } finally {
    await storm.close();
    await reader.close();
  }
}

const argon2Setting = (a: Argon2Parameters) => `m = ${a.memoryKiB / 1024} MiB, t = ${a.timeCost}, p = ${a.parallelism}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
