import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupRush } from '../bench/rush-setup.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/lib/clock.js';
import { createLogger } from '../src/lib/logger.js';
import { type Foyer, startFoyer } from '../src/main.js';
import { rotateSigningKeys } from '../src/modules/auth/key-rotation.js';
import {
  type Answer,
  type ApiProcess,
  checkout,
  freePort,
  pause,
  retryUntilDone,
  root,
  send,
  startProcess,
  startSetupFoyer,
} from './api-process.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';
import { mountSmallDisk, type SmallDisk } from './small-disk.js';

// Faults under load (issue #16), the slow-database and disk-full cases a town's hosting is most
// likely to meet, on a PostgreSQL server of the test's own and an API process started for real
// with the default timeouts (lock 4 s, statement 15 s, pool wait 8 s):
// - a table locked for long: a migration rewriting `bookings`, a `VACUUM FULL`, an operator's
//   `LOCK TABLE` left open in a psql session;
// - PostgreSQL paused (SIGSTOP): a frozen machine or stalled storage, sockets open, no answer;
// - the disk full: the database's files on a small filesystem (a tmpfs holding its tablespace)
//   filled to the last byte, so PostgreSQL refuses to extend a table (53100 disk_full); and the
//   same under the embedded database (PGlite's data folder on the tmpfs), the one place where
//   Foyer's own process writes files (documents live in the database, logs go to stdout).

const DATABASE = 'foyer_slow_full';
const HOUSEHOLDS = 60;
const PLACES = 20;
const DAYS = 5;
/** The default `DATABASE_LOCK_TIMEOUT_MS` (4 s), and the default pool wait (8 s). */
const LOCK_MS = 4_000;
const POOL_WAIT_MS = 8_000;
/** The processes' settings cache, waited out after each rush is set up: short, to keep the file quick. */
const CACHE_SECONDS = 1;

const statuses = (answers: Answer[]) => answers.map((a) => a.status);
const count = (answers: Answer[], status: number | 'network') => answers.filter((a) => a.status === status).length;
const slowest = (answers: Answer[]) => Math.round(Math.max(0, ...answers.map((a) => a.ms)));

/** What a parent sees when the database cannot serve: a French problem saying to try again, never a stack. */
function expectTryAgain(answer: Answer, retryAfter: string) {
  expect(answer.status).toBe(503);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.headers.get('content-language')).toBe('fr');
  expect(answer.headers.get('retry-after')).toBe(retryAfter);
  const problem = JSON.parse(answer.body) as { code: string; detail: string; retryAfter: number };
  expect(problem.code).toBe('service_unavailable');
  expect(problem.detail).toBe('Le service est momentanément indisponible : réessayez dans un instant.');
  expect(problem.retryAfter).toBe(Number(retryAfter));
  expect(answer.body).not.toMatch(/at |postgres|53100|55P03|lock|space/i);
}

describe('slow database and full disk (PostgreSQL of its own)', { timeout: 240_000 }, () => {
  let pg: PrivatePostgres | undefined;
  let disk: SmallDisk | undefined;
  let skipped = '';
  let noDisk = '';
  let setup: Foyer | undefined;
  let api: ApiProcess | undefined;
  let apiStartedAt = 0;
  let inspect: postgres.Sql | undefined;

  beforeAll(async () => {
    const started = await startPrivatePostgres(await freePort());
    if (typeof started === 'string') {
      skipped = started;
      return;
    }
    pg = started;
    const mounted = await mountSmallDisk(96);
    if (typeof mounted === 'string') noDisk = mounted;
    else disk = mounted;
    const admin = postgres(pg.url('postgres'), { max: 1, onnotice: () => {} });
    if (disk) {
      // The whole database (tables, indexes) on the small disk; the WAL stays on the large one.
      await admin.unsafe(`create tablespace small location '${disk.path}'`);
      await admin.unsafe(`create database ${DATABASE} tablespace small`);
    } else {
      await admin.unsafe(`create database ${DATABASE}`);
    }
    await admin.end();
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'api'], { cwd: root });
    api = await startProcess(pg.url(DATABASE), { FOYER_CACHE_SECONDS: String(CACHE_SECONDS) });
    // The clock the process runs on (server.js), which its key reloads count on.
    apiStartedAt = systemClock.now().getTime();
    setup = await startSetupFoyer(pg.url(DATABASE));
    inspect = postgres(pg.url(DATABASE), { max: 2, onnotice: () => {} });
  }, 180_000);

  afterAll(async () => {
    api?.child.kill('SIGKILL');
    await setup?.close();
    await setup?.database.close().catch(() => undefined);
    await inspect?.end({ timeout: 1 }).catch(() => undefined);
    await disk?.free();
    await pg?.stop();
    await disk?.unmount();
  });

  /** The rush's places per day, checked against the places offered, and the cart lines left. */
  async function placesAndCarts(activityId: string) {
    const db = inspect as postgres.Sql;
    const perDay = await db<{ taken: number }[]>`
      select count(*)::int as taken from bookings
      where activity_id = ${activityId} and status in ('booked', 'pending_payment') group by date`;
    for (const day of perDay) expect(day.taken).toBeLessThanOrEqual(PLACES);
    const [cart] = await db<{ lines: number }[]>`select count(*)::int as lines from cart_lines where activity_id = ${activityId}`;
    const [doubles] = await db<{ twice: number }[]>`
      select count(*)::int as twice from (select child_id, date from bookings where activity_id = ${activityId}
        and status in ('booked','pending_payment','waitlisted') group by child_id, date having count(*) > 1) d`;
    expect(doubles?.twice).toBe(0);
    return { booked: perDay.reduce((sum, d) => sum + d.taken, 0), cartLines: cart?.lines ?? 0 };
  }

  /** Each household holds exactly what its answer says, on the payment its answer names. */
  async function expectHeldAsAnswered(activityId: string, answers: Answer[]) {
    const db = inspect as postgres.Sql;
    const held = await db<{ payment_id: string | null; n: number; amount: number | null }[]>`
      select b.payment_id, count(*)::int as n, p.amount_cents as amount
      from bookings b left join payments p on p.id = b.payment_id
      where b.activity_id = ${activityId} and b.status = 'pending_payment'
      group by b.payment_id, p.amount_cents`;
    for (const h of held) expect(h.amount).toBe(h.n * 1200);
    const answered = answers.map((a) => JSON.parse(a.body) as { payment: { id: string } | null; lines: { outcome: string }[] });
    const heldInAnswers = answered.reduce((sum, a) => sum + a.lines.filter((l) => l.outcome === 'pending_payment').length, 0);
    expect(held.reduce((sum, h) => sum + h.n, 0)).toBe(heldInAnswers);
    expect(new Set(held.map((h) => h.payment_id))).toEqual(new Set(answered.flatMap((a) => (a.payment ? [a.payment.id] : []))));
  }

  /** Sends `request` every 200 ms until `until` settles: how a reader of another page fares meanwhile. */
  async function probe(request: () => Promise<Answer>, until: Promise<unknown>): Promise<Answer[]> {
    const answers: Answer[] = [];
    let done = false;
    void until.finally(() => {
      done = true;
    });
    while (!done) {
      answers.push(await request());
      await pause(200);
    }
    return answers;
  }

  it('a table locked for long: checkouts answer 503 + Retry-After within the lock timeout, other pages keep working, nothing half-written, all done after', async (ctx) => {
    if (skipped || !setup || !api) return ctx.skip(skipped);
    const base = api.url;
    const rush = await setupRush(setup.deps, { households: HOUSEHOLDS, days: DAYS, placesPerDay: PLACES, name: 'LOCK' });
    await pause(CACHE_SECONDS * 1000 + 200);
    const token = (i: number) => rush.households[i]?.token ?? '';
    const sendCheckout = (i: number) => checkout(base, token(i), `fault-lock-${i}`);
    const me = () => send(`${base}/v1/me`, { headers: { authorization: `Bearer ${token(0)}` } });
    const [from, to] = [rush.days[0], rush.days[rush.days.length - 1]];
    const bookingsList = (i: number) =>
      send(`${base}/v1/collectivities/ville-de-demo/bookings?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${token(i)}` },
      });
    expect((await bookingsList(0)).status).toBe(200);

    // An operator's session: the table locked, and the transaction left open.
    const locker = await (inspect as postgres.Sql).reserve();
    await locker`begin`;
    await locker`lock table bookings in access exclusive mode`;
    const rushDone = Promise.all([
      Promise.all(rush.households.map((_, i) => sendCheckout(i))),
      Promise.all(Array.from({ length: 6 }, (_, i) => bookingsList(i))),
    ]);
    const [probes, ready, [answers, lists]] = await Promise.all([
      probe(me, rushDone),
      probe(() => send(`${base}/readyz`), rushDone),
      rushDone,
    ]);
    // Nothing half-written: not a booking, every cart line still there (read once the lock is gone).
    await locker`rollback`;
    locker.release();
    const during = await placesAndCarts(rush.activityId);
    console.log(
      `bookings locked: ${HOUSEHOLDS} checkouts all 503 (${count(answers, 503)}), the slowest in ${slowest(answers)} ms; ` +
        `${lists.length} booking lists 503 in ${slowest(lists)} ms at most; /v1/me ${count(probes, 200)}/${probes.length} ` +
        `answered 200 (slowest ${slowest(probes)} ms); /readyz ${count(ready, 200)}/${ready.length} ready`,
    );
    for (const answer of [...answers, ...lists]) expectTryAgain(answer, '5');
    expect(slowest(answers)).toBeLessThan(2 * LOCK_MS + 3_000);
    expect(slowest(lists)).toBeLessThan(LOCK_MS + POOL_WAIT_MS + 3_000);
    expect(statuses(probes).filter((s) => s !== 200)).toEqual([]);
    expect(slowest(probes)).toBeLessThan(2_000);
    expect(statuses(ready).filter((s) => s !== 200)).toEqual([]);
    expect(during).toEqual({ booked: 0, cartLines: rush.daysAsked });

    // The lock gone, the same keys succeed, without a restart.
    const retries = await retryUntilDone(answers, sendCheckout, 30);
    expect(statuses(answers).filter((s) => s !== 200)).toEqual([]);
    const after = await placesAndCarts(rush.activityId);
    expect(after.booked).toBe(Math.min(PLACES * DAYS, after.booked));
    expect(after.cartLines).toBe(0);
    await expectHeldAsAnswered(rush.activityId, answers);
    console.log(`bookings unlocked: all ${HOUSEHOLDS} checkouts done after ${retries} retries, ${after.booked} places taken`);
    expect((await bookingsList(0)).status).toBe(200);
  });

  it('the disk full: writes answer 503 + Retry-After (never 500), reads keep working, nothing half-written, all done once space is freed', async (ctx) => {
    if (skipped || !setup || !api) return ctx.skip(skipped);
    if (!disk) return ctx.skip(noDisk);
    const base = api.url;
    const rush = await setupRush(setup.deps, { households: HOUSEHOLDS, days: DAYS, placesPerDay: PLACES, name: 'FULL' });
    await pause(CACHE_SECONDS * 1000 + 200);
    const token = (i: number) => rush.households[i]?.token ?? '';
    const sendCheckout = (i: number) => checkout(base, token(i), `fault-full-${i}`);
    const me = () => send(`${base}/v1/me`, { headers: { authorization: `Bearer ${token(0)}` } });
    const [from, to] = [rush.days[0], rush.days[rush.days.length - 1]];
    const bookingsList = () =>
      send(`${base}/v1/collectivities/ville-de-demo/bookings?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${token(0)}` },
      });

    await disk.fill();
    const answers: Answer[] = [];
    try {
      // One after another, so that the first writes fill what room the tables' last pages had.
      for (let i = 0; i < HOUSEHOLDS; i++) answers.push(await sendCheckout(i));
      const reads = [await me(), await bookingsList(), await send(`${base}/readyz`)];
      const refused = answers.filter((a) => a.status === 503);
      // Refused after their transaction committed (the answer's own writes failed): kept as drafts for the retry.
      const [drafts] = await (inspect as postgres.Sql)<{ n: number }[]>`
        select count(*)::int as n from idempotency_keys where key like 'fault-full-%' and draft is not null`;
      console.log(
        `disk full: ${HOUSEHOLDS} checkouts, ${count(answers, 200)} done in what room was left, ${refused.length} 503 ` +
          `(${drafts?.n} of them committed, their answer kept as a draft) ` +
          `(slowest answer ${slowest(answers)} ms), other statuses: ${JSON.stringify(statuses(answers).filter((s) => s !== 200 && s !== 503))}; ` +
          `reads ${statuses(reads).join('/')}`,
      );
      expect(statuses(answers).filter((s) => s !== 200 && s !== 503)).toEqual([]);
      expect(refused.length).toBeGreaterThan(0);
      for (const answer of refused) expectTryAgain(answer, '30');
      expect(statuses(reads)).toEqual([200, 200, 200]);
    } finally {
      await disk.free();
    }
    // Space freed: the same keys succeed, without a restart; a checkout that had committed before
    // its answer failed is finished from its draft, never run twice.
    const retries = await retryUntilDone(answers, sendCheckout, 30);
    expect(statuses(answers).filter((s) => s !== 200)).toEqual([]);
    const after = await placesAndCarts(rush.activityId);
    expect(after.cartLines).toBe(0);
    await expectHeldAsAnswered(rush.activityId, answers);
    console.log(`space freed: all ${HOUSEHOLDS} checkouts done after ${retries} retries, ${after.booked} places taken`);
    expect((await send(`${base}/readyz`)).status).toBe(200);
  });

  it('signing keys locked while another instance rotated them: a token of the new key answers 503 + Retry-After (never 401), then 200 once the lock is gone', async (ctx) => {
    if (skipped || !setup || !api) return ctx.skip(skipped);
    const base = api.url;
    // Another instance rotated the keys: the setup signs with the new kid, which the API process
    // has not loaded yet (it reloads on the first token of an unknown kid).
    const rotation = await rotateSigningKeys(setup.deps.db, setup.deps.clock, {
      secretsKey: setup.deps.config.secretsKey,
      accessTokenSeconds: setup.deps.config.auth.accessTokenSeconds,
    });
    await setup.deps.keys.reload();
    const rush = await setupRush(setup.deps, { households: 3, days: DAYS, placesPerDay: PLACES, name: 'KEYS' });
    // An unknown kid reloads the keys at most once per 10 s: the process's first load is that old.
    await pause(Math.max(0, apiStartedAt + 10_500 - systemClock.now().getTime()));
    const me = (i: number) => send(`${base}/v1/me`, { headers: { authorization: `Bearer ${rush.households[i]?.token ?? ''}` } });
    const locker = await (inspect as postgres.Sql).reserve();
    await locker`begin`;
    await locker`lock table signing_keys in access exclusive mode`;
    let answers: Answer[];
    try {
      answers = await Promise.all([0, 1, 2].map(me));
    } finally {
      await locker`rollback`;
      locker.release();
    }
    console.log(`signing keys locked after a rotation to ${rotation.kid}: /v1/me ${JSON.stringify(statuses(answers))}`);
    // A database that cannot answer is "try again", not "your session is invalid" (which signs the parent out).
    for (const answer of answers) expectTryAgain(answer, '5');
    expect(statuses(await Promise.all([0, 1, 2].map(me)))).toEqual([200, 200, 200]);
  });

  it('PostgreSQL paused (a frozen machine, stalled storage): requests answer 503 soon after the statement timeout, /readyz says so, all recovers on resume', async (ctx) => {
    if (skipped || !setup || !pg) return ctx.skip(skipped);
    const server = pg;
    // A process of its own with short limits: no answer 2 s + 5 s after a statement is sent, 3 s of pool wait.
    const quick = await startProcess(server.url(DATABASE), {
      DATABASE_STATEMENT_TIMEOUT_MS: '2000',
      DATABASE_POOL_WAIT_MS: '3000',
    });
    const unansweredMs = 2_000 + 5_000;
    try {
      const base = quick.url;
      const rush = await setupRush(setup.deps, { households: 30, days: DAYS, placesPerDay: PLACES, name: 'PAUSE' });
      await pause(CACHE_SECONDS * 1000 + 200);
      const token = (i: number) => rush.households[i]?.token ?? '';
      const sendCheckout = (i: number) => checkout(base, token(i), `fault-pause-${i}`);
      const me = (i = 0) => send(`${base}/v1/me`, { headers: { authorization: `Bearer ${token(i)}` } });
      // Every pool connection open before the pause.
      await Promise.all(Array.from({ length: 20 }, (_, i) => me(i)));

      await server.pause();
      let answers: Answer[];
      let reads: Answer[];
      let ready: Answer;
      try {
        [answers, reads, ready] = await Promise.all([
          Promise.all(rush.households.map((_, i) => sendCheckout(i))),
          Promise.all(Array.from({ length: 5 }, (_, i) => me(i))),
          send(`${base}/readyz`),
        ]);
      } finally {
        await server.resume();
      }
      console.log(
        `PostgreSQL paused: ${answers.length} checkouts ${JSON.stringify(statuses(answers))} (slowest ${slowest(answers)} ms), ` +
          `${reads.length} reads ${JSON.stringify(statuses(reads))} (slowest ${slowest(reads)} ms), /readyz ${ready.status} in ${Math.round(ready.ms)} ms`,
      );
      for (const answer of [...answers, ...reads]) expectTryAgain(answer, '5');
      expect(slowest([...answers, ...reads])).toBeLessThan(2 * unansweredMs + 3_000);
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.body)).toEqual({ status: 'database_down' });

      // Resumed: the same keys succeed, and no pool connection was lost on the way.
      const retries = await retryUntilDone(answers, sendCheckout, 40);
      expect(statuses(answers).filter((s) => s !== 200)).toEqual([]);
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => me(i)));
      expect(statuses(burst).filter((s) => s !== 200)).toEqual([]);
      expect((await send(`${base}/readyz`)).status).toBe(200);
      const after = await placesAndCarts(rush.activityId);
      expect(after.cartLines).toBe(0);
      console.log(
        `PostgreSQL resumed: all ${answers.length} checkouts done after ${retries} retries, then 30 reads at once all 200`,
      );
    } finally {
      quick.child.kill('SIGKILL');
    }
  });
});

describe('the disk full under the embedded database (PGlite)', { timeout: 120_000 }, () => {
  it('answers writes 503 + Retry-After, keeps reads working, and writes again once space is freed', async (ctx) => {
    const mounted = await mountSmallDisk(96);
    if (typeof mounted === 'string') return ctx.skip(mounted);
    const disk = mounted;
    let foyer: Foyer | undefined;
    try {
      foyer = await startFoyer(
        // No demo town: seeding it in WASM costs seconds, and an empty database reads and writes as well.
        loadConfig({
          FOYER_DATA_DIR: `${disk.path}/data`,
          FOYER_SEED_DEMO: 'false',
          FOYER_DEV_MAILBOX: 'true',
          LOG_LEVEL: 'silent',
        }),
        createLogger('silent'),
      );
      const { app } = foyer;
      const timed = async (request: () => Response | Promise<Response>): Promise<Answer> => {
        const started = performance.now();
        const res = await request();
        return { status: res.status, body: await res.text(), headers: res.headers, ms: performance.now() - started };
      };
      const write = (i: number) =>
        timed(() =>
          app.request('/v1/auth/password-reset', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: `parent${i}@example.org` }),
          }),
        );
      const read = () => timed(() => app.request('/v1/collectivities/ville-de-demo'));
      const unknownTown = 404;
      await disk.fill();
      let writes: Answer[] = [];
      try {
        for (let i = 0; i < 5; i++) writes.push(await write(i));
        const reads = [await read(), await timed(() => app.request('/readyz'))];
        console.log(
          `PGlite, disk full: 5 writes ${JSON.stringify(statuses(writes))} (slowest ${slowest(writes)} ms), reads ${statuses(reads).join('/')}`,
        );
        expect(statuses(writes).filter((s) => s !== 202 && s !== 503)).toEqual([]);
        for (const answer of writes.filter((a) => a.status === 503)) expectTryAgain(answer, '30');
        expect(count(writes, 503)).toBeGreaterThan(0);
        expect(statuses(reads)).toEqual([unknownTown, 200]);
      } finally {
        await disk.free();
      }
      writes = [await write(100), await write(101)];
      expect(statuses(writes)).toEqual([202, 202]);
    } finally {
      await foyer?.close();
      await foyer?.database.close().catch(() => undefined);
      await disk.unmount();
    }
  });
});
