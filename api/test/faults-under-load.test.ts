import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupRush } from '../bench/rush-setup.js';
import type { Foyer } from '../src/main.js';
import {
  type ApiProcess,
  checkout,
  freePort,
  pause,
  retryUntilDone,
  root,
  startProcess,
  startSetupFoyer,
} from './api-process.js';
import { DEMO } from './harness.js';
import { type PrivatePostgres, startPrivatePostgres } from './private-postgres.js';

// Faults under load (issue #16), on a PostgreSQL server of the test's own so that restarting it
// disturbs no other suite: the database restarted in the middle of a rush, and one of two API
// processes killed (SIGKILL) in the middle of a rush. Both API processes are `node
// api/dist/server.js` as production runs them; the parents are plain HTTP clients that retry
// what failed with the same Idempotency-Key, as the SDK does.

const DATABASE = 'foyer_faults';
const HOUSEHOLDS = 300;
const PLACES = 40;
const DAYS = 5;

/**
 * Asks a process for a password reset, and waits for its email in the dev mailbox of one of the
 * processes running (their outbox workers share the queue: whichever takes the row sends it).
 */
async function emailDelivered(base: string, workers = [base]): Promise<boolean> {
  const reset = await fetch(`${base}/v1/auth/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.parent }),
  });
  if (reset.status >= 300) return false;
  // The outbox worker's round caught by a restart may be left behind (30 s) before the next one.
  for (let i = 0; i < 300; i++) {
    for (const worker of workers) {
      const mailbox = (await (await fetch(`${worker}/dev/mailbox`, { headers: { accept: 'application/json' } })).json()) as {
        messages: { to: string }[];
      };
      if (mailbox.messages.some((m) => m.to.includes(DEMO.parent))) return true;
    }
    await pause(200);
  }
  return false;
}

describe('faults under load (PostgreSQL of its own)', { timeout: 300_000 }, () => {
  let pg: PrivatePostgres | undefined;
  let skipped = '';
  let setup: Foyer | undefined;
  let a: ApiProcess | undefined;
  let b: ApiProcess | undefined;
  let inspect: postgres.Sql | undefined;

  beforeAll(async () => {
    const started = await startPrivatePostgres(await freePort());
    if (typeof started === 'string') {
      skipped = started;
      return;
    }
    pg = started;
    const admin = postgres(pg.url('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${DATABASE}`);
    await admin.end();
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', 'api'], { cwd: root });
    // The first one migrates and seeds the demo town; the second finds both done.
    a = await startProcess(pg.url(DATABASE));
    b = await startProcess(pg.url(DATABASE));
    setup = await startSetupFoyer(pg.url(DATABASE));
    inspect = postgres(pg.url(DATABASE), { max: 1, onnotice: () => {} });
  }, 240_000);

  afterAll(async () => {
    for (const p of [a, b]) p?.child.kill('SIGKILL');
    await setup?.close();
    await setup?.database.close().catch(() => undefined);
    await inspect?.end({ timeout: 1 }).catch(() => undefined);
    await pg?.stop();
  });

  /** What the rush left in the database: places per day, and every household's bookings against its answer. */
  async function checkRush(rush: Awaited<ReturnType<typeof setupRush>>, answers: { body: string }[]) {
    const db = inspect as postgres.Sql;
    const perDay = await db<{ date: string; taken: number }[]>`
      select to_char(date, 'YYYY-MM-DD') as date, count(*)::int as taken from bookings
      where activity_id = ${rush.activityId} and status in ('booked', 'pending_payment') group by date`;
    for (const day of perDay) expect(day.taken, day.date).toBeLessThanOrEqual(PLACES);
    // Every place taken: more days were asked than there are places.
    expect(perDay.reduce((sum, d) => sum + d.taken, 0)).toBe(PLACES * DAYS);
    // Each household holds exactly what its answer says, on one pending payment of that amount.
    const held = await db<{ payment_id: string | null; n: number; amount: number | null; status: string | null }[]>`
      select b.payment_id, count(*)::int as n, p.amount_cents as amount, p.status
      from bookings b left join payments p on p.id = b.payment_id
      where b.activity_id = ${rush.activityId} and b.status = 'pending_payment'
      group by b.payment_id, p.amount_cents, p.status`;
    for (const h of held) {
      expect(h.payment_id).not.toBeNull();
      expect(h.status).toBe('pending');
      expect(h.amount).toBe(h.n * 1200);
    }
    const answered = answers.map((a) => JSON.parse(a.body) as { payment: { id: string } | null; lines: { outcome: string }[] });
    const heldInAnswers = answered.reduce((sum, a) => sum + a.lines.filter((l) => l.outcome === 'pending_payment').length, 0);
    expect(held.reduce((sum, h) => sum + h.n, 0)).toBe(heldInAnswers);
    expect(new Set(held.map((h) => h.payment_id))).toEqual(new Set(answered.flatMap((a) => (a.payment ? [a.payment.id] : []))));
    // No cart kept a line it validated, no booking twice for a child and day.
    const [cart] = await db<{ lines: number }[]>`
      select count(*)::int as lines from cart_lines where activity_id = ${rush.activityId}`;
    expect(cart?.lines).toBe(0);
    const [doubles] = await db<{ twice: number }[]>`
      select count(*)::int as twice from (select child_id, date from bookings where activity_id = ${rush.activityId}
        and status in ('booked','pending_payment','waitlisted') group by child_id, date having count(*) > 1) d`;
    expect(doubles?.twice).toBe(0);
  }

  it('restarting PostgreSQL in the middle of a rush: each checkout succeeds or answers 503, then succeeds with its key; nothing half-written; the server recovers by itself', async (ctx) => {
    if (skipped || !setup || !a) return ctx.skip(skipped);
    const rush = await setupRush(setup.deps, { households: HOUSEHOLDS, days: DAYS, placesPerDay: PLACES, name: 'RESTART' });
    await pause(setup.deps.config.cacheSeconds * 1000 + 200);
    const base = a.url;
    const send = (i: number) => checkout(base, rush.households[i]?.token ?? '', `fault-restart-${i}`);
    const first = Promise.all(rush.households.map((_, i) => send(i)));
    await pause(40);
    await (pg as PrivatePostgres).restart();
    const answers = await first;
    const firstStatuses = answers.map((x) => x.status);
    // Never a 500, never a half answer, never silence: done, or "try again". (Requests left
    // unanswered for 30 s came from postgres.js's write scheduler, repaired at install: see
    // scripts/patch-postgres-driver.mjs.)
    const unexpected = answers.filter((x) => x.status !== 200 && x.status !== 503 && x.status !== 409);
    expect(
      unexpected.map((x) => x.status),
      `the process's errors: ${(a as ApiProcess).errors.join('\n')}\nthe first other answer: ${unexpected[0]?.body}`,
    ).toEqual([]);
    const retries = await retryUntilDone(answers, send, 90);
    expect(answers.filter((x) => x.status !== 200)).toEqual([]);
    console.log(
      `PostgreSQL restarted mid-rush: ${HOUSEHOLDS} checkouts, ${firstStatuses.filter((s) => s === 200).length} answered at once, ` +
        `${firstStatuses.filter((s) => s === 503).length} 503 and ${firstStatuses.filter((s) => s === 409).length} 409 first, ` +
        `${firstStatuses.filter((s) => s === 'network').length} unanswered in 30 s, ${retries} retries, all done`,
    );
    await checkRush(rush, answers);
    // Each key answers as it did, byte for byte.
    for (const i of [0, 7, HOUSEHOLDS - 1]) expect((await send(i)).body).toBe(answers[i]?.body);

    // The same process goes on, without a restart of its own.
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await checkout(base, rush.households[0]?.token ?? '', 'fault-restart-after')).status).toBe(422);

    // The background workers resume too: the outbox sends a new email, and the hold sweeper
    // ends the holds that ran out (moved into the past here: any clock has passed 2000).
    // Both processes' workers share the outbox (and the holds): either may do the round.
    expect(await emailDelivered(base, [base, (b as ApiProcess).url])).toBe(true);
    const db = inspect as postgres.Sql;
    const lapsed = await db<{ id: string }[]>`
      update bookings set hold_expires_at = '2000-01-01T00:00:00Z'
      where activity_id = ${rush.activityId} and status = 'pending_payment' returning id`;
    expect(lapsed.length).toBe(PLACES * DAYS);
    const ids = lapsed.map((b) => b.id);
    let left = ids.length;
    // The sweeper runs every 15 s; a round caught by the restart may be left behind (30 s).
    for (let i = 0; i < 300 && left > 0; i++) {
      await pause(200);
      const [row] = await db<
        { n: number }[]
      >`select count(*)::int as n from bookings where id = any(${ids}) and status <> 'expired'`;
      left = row?.n ?? left;
    }
    expect(left).toBe(0);
    console.log(`after the restart: the outbox delivered, the hold sweepers expired ${ids.length} lapsed holds`);
  });

  it('one of two API processes killed (SIGKILL) mid-rush: retries on the other complete, nothing lost or duplicated', async (ctx) => {
    if (skipped || !setup || !a || !b) return ctx.skip(skipped);
    const rush = await setupRush(setup.deps, { households: HOUSEHOLDS, days: DAYS, placesPerDay: PLACES, name: 'KILL' });
    await pause(setup.deps.config.cacheSeconds * 1000 + 200);
    const [dying, survivor] = [a, b];
    const key = (i: number) => `fault-kill-${i}`;
    const first = Promise.all(rush.households.map((_, i) => checkout(dying.url, rush.households[i]?.token ?? '', key(i))));
    await pause(40);
    dying.child.kill('SIGKILL');
    const answers = await first;
    const lost = answers.filter((x) => x.status === 'network').length;
    // A key the dead process held is leased for a minute: the survivor answers 409 until then.
    const retries = await retryUntilDone(answers, (i) => checkout(survivor.url, rush.households[i]?.token ?? '', key(i)), 150);
    expect(answers.filter((x) => x.status !== 200)).toEqual([]);
    console.log(
      `API process killed mid-rush: ${HOUSEHOLDS} checkouts, ${lost} lost with the process, ${retries} retries on the other, all done`,
    );
    await checkRush(rush, answers);
    expect(await emailDelivered(survivor.url)).toBe(true);
  });
});
