import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCollectivity } from '../src/db/tenant-scope.js';
import { IdempotencyKeys, saveDrafts } from '../src/lib/idempotency-keys.js';
import { sweepRetention } from '../src/modules/system/retention.js';
import { type DemoFamily, demoFamily } from './demo-family.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';
import { bookableDays } from './test-days.js';

/**
 * The one idempotency middleware, seen from the one endpoint the contract marks `idempotent`
 * today (checkout): keys required, answers replayed byte for byte, scoped by caller, refused for
 * another body or while the first still runs, and purged by the retention sweeper.
 */

const C = '/v1/collectivities/ville-de-demo';
const HOUR = 3_600_000;
let t: TestApp;
let family: DemoFamily;
let parent: string;

beforeAll(async () => {
  t = await startTestApp();
  family = await demoFamily(t);
  parent = (await t.login(DEMO.parent)).accessToken;
});
afterAll(() => t.close());

/** The raw answer of a checkout: status, headers and the exact bytes. */
async function checkoutRaw(key: string | undefined, token = parent, body = '{}') {
  const res = await t.fetch(`${C}/cart/checkout`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function lunchesInCart(count: number): Promise<string[]> {
  const dates = await bookableDays(t, parent, family.alvaro, family.activity.canteenFerry, { count });
  const added = await t.request('POST', `${C}/cart/lines`, {
    token: parent,
    body: { lines: [{ childId: family.alvaro, activityId: family.activity.canteenFerry, action: 'book', dates }] },
  });
  expect(added.status).toBe(200);
  return dates;
}

const bookedCount = async (dates: string[]) =>
  (
    await t.deps.db
      .selectFrom('bookings')
      .select('id')
      .where('child_id', '=', family.alvaro)
      .where('activity_id', '=', family.activity.canteenFerry)
      .where('date', 'in', dates)
      .where('status', '=', 'booked')
      .execute()
  ).length;

describe('idempotency keys', () => {
  it('replays the first answer with the same status and the same bytes, and books once', async () => {
    const dates = await lunchesInCart(2);
    const first = await checkoutRaw('same-bytes-0001');
    expect(first.status).toBe(200);
    const replay = await checkoutRaw('same-bytes-0001');
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('content-type')).toContain('application/json');
    expect(await bookedCount(dates)).toBe(2);
    // The same key after the cart changed is still the same request: replayed, nothing booked.
    const more = await lunchesInCart(1);
    const again = await checkoutRaw('same-bytes-0001');
    expect(again.text).toBe(first.text);
    expect(await bookedCount(more.filter((d) => !dates.includes(d)))).toBe(0);
    await t.request('DELETE', `${C}/cart`, { token: parent });
  });

  it('refuses the same key with another body, and books nothing for it', async () => {
    const dates = await lunchesInCart(1);
    const first = await checkoutRaw('other-body-0001', parent, '{}');
    expect(first.status).toBe(200);
    await t.request('DELETE', `${C}/cart`, { token: parent });
    const other = await checkoutRaw('other-body-0001', parent, JSON.stringify({ returnUrl: `https://ville.example/autre` }));
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(other.text).code).toBe('idempotency_key_mismatch');
    expect(JSON.parse(other.text).detail).toMatch(/clé Idempotency-Key a déjà servi/);
    expect(await bookedCount(dates)).toBe(1);
  });

  it('requires a well-formed key', async () => {
    const missing = await checkoutRaw(undefined);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).code).toBe('idempotency_key_required');
    const short = await checkoutRaw('abc');
    expect(short.status).toBe(400);
    expect(JSON.parse(short.text)).toMatchObject({ code: 'validation_failed', errors: [{ path: 'headers.idempotency-key' }] });
  });

  it("never replays another household's answer for the same key", async () => {
    await lunchesInCart(1);
    const mine = await checkoutRaw('shared-key-0001');
    expect(mine.status).toBe(200);
    const other = (await t.login(DEMO.parent2)).accessToken;
    // The other household's cart is empty: its own checkout runs, and says so.
    const theirs = await checkoutRaw('shared-key-0001', other);
    expect(theirs.status).toBe(422);
    expect(JSON.parse(theirs.text).code).toBe('cart_empty');
    // An error answer frees the key: the same key runs again once the cart is filled.
    const again = await checkoutRaw('shared-key-0001', other);
    expect(JSON.parse(again.text).code).toBe('cart_empty');
  });

  it('lets a duplicate sent while the first runs wait for its answer, and books once', async () => {
    const dates = await lunchesInCart(2);
    const [a, b] = await Promise.all([checkoutRaw('concurrent-0001'), checkoutRaw('concurrent-0001')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.text).toBe(a.text);
    expect(await bookedCount(dates)).toBe(2);
  });

  it('claims and answers keys of two towns asked in the same turn of the event loop, each in its own town', async () => {
    const db = t.deps.db;
    const towns = await db
      .selectFrom('collectivities')
      .select('id')
      .where('slug', 'in', [DEMO.collectivities.demo, DEMO.collectivities.second])
      .orderBy('slug')
      .execute();
    const account = await db.selectFrom('accounts').select('id').where('email', '=', DEMO.parent).executeTakeFirstOrThrow();
    const keys = new IdempotencyKeys(db, t.clock);
    const scopes = towns.map((town) => ({
      collectivityId: town.id,
      accountId: account.id,
      route: 'POST /test',
      key: 'same-turn-0001',
    }));
    // Asked together, they go in one batch per town (row security scopes a statement to one town).
    const claims = await Promise.all(scopes.map((scope) => keys.claim(scope, 'hash')));
    expect(claims.map((c) => c.claimed)).toEqual([true, true]);
    await Promise.all(scopes.map((scope, i) => keys.storeAnswer(scope, 200, `{"town":${i}}`)));
    const replays = await Promise.all(scopes.map((scope) => keys.claim(scope, 'hash')));
    expect(replays.map((r) => [r.claimed, r.response_status, r.response_body])).toEqual([
      [false, 200, '{"town":0}'],
      [false, 200, '{"town":1}'],
    ]);
    const stored = await db
      .selectFrom('idempotency_keys')
      .select(['collectivity_id', 'response_body'])
      .where('key', '=', 'same-turn-0001')
      .orderBy('response_body')
      .execute();
    expect(stored).toEqual(towns.map((town, i) => ({ collectivity_id: town.id, response_body: `{"town":${i}}` })));
  });

  it('keeps every character of the answers drafted in a transaction, final or to resume', async () => {
    const db = t.deps.db;
    const town = await db
      .selectFrom('collectivities')
      .select('id')
      .where('slug', '=', DEMO.collectivities.demo)
      .executeTakeFirstOrThrow();
    const account = await db.selectFrom('accounts').select('id').where('email', '=', DEMO.parent).executeTakeFirstOrThrow();
    const keys = new IdempotencyKeys(db, t.clock);
    const scope = (key: string) => ({ collectivityId: town.id, accountId: account.id, route: 'POST /test', key });
    const [final, resumable] = [scope('drafted-final-0001'), scope('drafted-draft-0001')];
    await Promise.all([keys.claim(final, 'hash'), keys.claim(resumable, 'hash')]);
    // JSON texts as handlers write them: quotes, backslashes, escapes, accents, emoji, separators.
    const finalText = JSON.stringify({ note: 'Réservé "à 8 h" \\ fin', tab: '\t', nul: '\u0000', emoji: '🎒', sep: '\u2028' });
    const draftText = JSON.stringify({ status: 'payment_required', payment: { url: '', label: "L'été, {1,2}" } });
    await db.transaction().execute((trx) =>
      inCollectivity(town.id, () =>
        saveDrafts(trx, [
          { scope: final, text: finalText, finalStatus: 200 },
          { scope: resumable, text: draftText, finalStatus: null },
        ]),
      ),
    );
    const [replay, resume] = await Promise.all([keys.claim(final, 'hash'), keys.claim(resumable, 'hash')]);
    expect([replay.claimed, replay.response_status, replay.response_body]).toEqual([false, 200, finalText]);
    expect(resume.draft).toBe(draftText);
  });

  it('answers 409 when the first request holds the key longer than a duplicate waits', async () => {
    await lunchesInCart(1);
    // A first request still running in another instance: its claim, with no answer yet.
    const account = await t.deps.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', DEMO.parent)
      .executeTakeFirstOrThrow();
    const now = t.clock.now();
    const body = '{}';
    await t.deps.db
      .insertInto('idempotency_keys')
      .values({
        collectivity_id: family.collectivityId,
        account_id: account.id,
        route: 'POST /v1/collectivities/:c/cart/checkout',
        key: 'still-running-0001',
        request_hash: createHash('sha256').update(body).digest('hex'),
        locked_until: new Date(now.getTime() + 60_000),
        created_at: now,
        expires_at: new Date(now.getTime() + 24 * HOUR),
      })
      .execute();
    const busy = await checkoutRaw('still-running-0001', parent, body);
    expect(busy.status).toBe(409);
    expect(JSON.parse(busy.text).code).toBe('idempotency_key_in_use');
    expect(busy.headers.get('retry-after')).toBe('1');
    // Its lease lapses (its process died): the retry takes the key over and runs.
    t.clock.advance(61_000);
    parent = (await t.login(DEMO.parent)).accessToken;
    const taken = await checkoutRaw('still-running-0001', parent, body);
    expect(taken.status).toBe(200);
    expect(JSON.parse(taken.text).lines[0].outcome).toBe('booked');
  }, 20_000);

  it('is purged by the retention sweeper after a day, and the key is then new again', async () => {
    await lunchesInCart(1);
    expect((await checkoutRaw('retained-0001')).status).toBe(200);
    const keys = () => t.deps.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'retained-0001').execute();
    expect(await keys()).toHaveLength(1);
    expect((await sweepRetention(t.deps)).idempotencyKeys).toBe(0);
    t.clock.advance(25 * HOUR);
    parent = (await t.login(DEMO.parent)).accessToken;
    expect((await sweepRetention(t.deps)).idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(await keys()).toHaveLength(0);
    const fresh = await checkoutRaw('retained-0001');
    expect(fresh.status).toBe(422);
    expect(JSON.parse(fresh.text).code).toBe('cart_empty');
  });
});
