import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function scrape(): Promise<{ status: number; type: string | null; text: string }> {
  const res = await t.fetch('/metrics');
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one sample line, e.g. `foyer_outbox_pending` or `name{labels}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

describe('/readyz', () => {
  it('is ready when the database answers, and fails while the process drains, unlike /healthz', async () => {
    expect((await t.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
    t.deps.runtime.draining = true;
    try {
      const ready = await t.request('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'draining' });
      expect((await t.request('GET', '/healthz')).status).toBe(200);
    } finally {
      t.deps.runtime.draining = false;
    }
  });
});

describe('/metrics', () => {
  it('gives request durations by route pattern, not by raw path', async () => {
    await t.request('GET', '/v1/collectivities/ville-de-demo');
    await t.request('GET', '/v1/collectivities/saint-exemple');
    const { status, type, text } = await scrape();
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE foyer_http_request_duration_seconds histogram');
    const labels = 'method="GET",route="/v1/collectivities/:c",status="200"';
    expect(sample(text, `foyer_http_request_duration_seconds_count{${labels}}`)).toBe(2);
    expect(sample(text, `foyer_http_request_duration_seconds_bucket{${labels},le="+Inf"}`)).toBe(2);
    expect(text).not.toContain('route="/v1/collectivities/ville-de-demo"');
  });

  it('gives the checkout queue, the outbox and the requests in flight', async () => {
    const { text } = await scrape();
    expect(sample(text, 'foyer_checkout_queue_depth')).toBe(0);
    expect(sample(text, 'foyer_outbox_pending')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'foyer_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'foyer_http_requests_in_flight')).toBe(1);
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+-]+)$/);
  });

  it('gives the database pool (on PostgreSQL) and the sign-in hashing gate, and counts a sign-in refused by a full gate', async () => {
    const before = await scrape();
    if (process.env.DATABASE_URL) {
      expect(sample(before.text, 'foyer_db_pool_size')).toBe(10);
      expect(sample(before.text, 'foyer_db_pool_in_use')).toBeGreaterThanOrEqual(0);
      expect(sample(before.text, 'foyer_db_pool_waiting')).toBe(0);
    } else {
      // The embedded database has no pool: no made-up pool lines either.
      expect(before.text).not.toContain('foyer_db_pool_');
    }
    expect(sample(before.text, 'foyer_signin_hashing_in_use')).toBe(0);
    expect(sample(before.text, 'foyer_signin_hashing_queued')).toBe(0);
    expect(sample(before.text, 'foyer_signin_hashing_limit')).toBeGreaterThanOrEqual(1);
    expect(before.text).toContain('# TYPE foyer_signin_hashing_rejected_total counter');
    const rejected = sample(before.text, 'foyer_signin_hashing_rejected_total') ?? -1;

    // More sign-ins at once than the gate runs and queues: the surplus is refused, and counted.
    const { concurrency, queueLimit } = t.deps.passwords.stats();
    const attempts = await Promise.all(
      Array.from({ length: concurrency + queueLimit + 3 }, () => t.deps.passwords.hash('un mot de passe').catch(() => 'refused')),
    );
    const refused = attempts.filter((a) => a === 'refused').length;
    expect(refused).toBeGreaterThan(0);
    expect(sample((await scrape()).text, 'foyer_signin_hashing_rejected_total')).toBe(rejected + refused);
  });

  it('counts the outbox lag from the oldest message due', async () => {
    const due = new Date(t.deps.clock.now().getTime() - 90_000);
    await t.deps.db
      .insertInto('outbox')
      .values({ topic: 'test.lag', payload: JSON.stringify({}), created_at: due, available_at: due })
      .execute();
    const { text } = await scrape();
    expect(sample(text, 'foyer_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'foyer_outbox_pending')).toBeGreaterThanOrEqual(1);
  });
});
