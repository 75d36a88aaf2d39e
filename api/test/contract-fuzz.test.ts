// Fuzzing from the contract (issue #16): every route with a body or a query is called, as a
// caller it admits, with values derived from its valibot schemas and mutations of them. The API
// must never answer 5xx nor log an error. FOYER_FUZZ_RUNS sets the cases per route (default 100:
// ~20 s on PostgreSQL, ~2 min on PGlite under load); e.g. FOYER_FUZZ_RUNS=1000 for a long run.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app.js';
import { createLogger } from '../src/lib/logger.js';
import type { Route } from '../src/lib/route.js';
import { type AccessFixture, buildAccessFixture } from './access-fixture.js';
import { FIXTURES } from './access-matrix-routes.js';
import { bodyTextOf, queryOf, validOf } from './contract-fuzz-arbitraries.js';
import { startTestApp, type TestApp } from './harness.js';

const RUNS = Number(process.env.FOYER_FUZZ_RUNS ?? 100);

let t: TestApp;
let f: AccessFixture;
const logLines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await startTestApp({ logger: createLogger('warn', sink) });
  f = await buildAccessFixture(t);
}, 120_000);
afterAll(() => t.close());

const keyOf = (r: Route) => `${r.endpoint.method} ${r.endpoint.path}`;

function pathOf(r: Route, month = '2027-01'): string {
  const call = FIXTURES[keyOf(r)]?.(f) ?? {};
  return r.endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    name === 'c' ? f.slug : name === 'month' ? month : (call.params?.[name] ?? '00000000-0000-4000-8000-000000000000'),
  );
}

/** `value` with every date and month in it moved to `date` and `month`. */
function movedTo(value: unknown, date: string, month: string): unknown {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? date : /^\d{4}-\d{2}$/.test(value) ? month : value;
  if (Array.isArray(value)) return value.map((item) => movedTo(item, date, month));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, movedTo(item, date, month)]));
  }
  return value;
}

/** A caller the route admits: a parent on family routes, an admin (not the fixture's own) in the back office. */
function tokenFor(r: Route): string | undefined {
  if (r.doc.access === 'public') return undefined;
  return r.doc.access === 'agent' ? f.tokens.roles.admin : f.tokens.parent;
}

/** Error lines of the log (pino level 50 and above). */
const errorsLogged = () => logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

describe('contract fuzzing', () => {
  // Defects the fuzzer found, kept as plain cases so that they stay fixed on every run.
  it('answers an empty patch of the catalog as a no-op, not a 500', async () => {
    const admin = f.tokens.roles.admin;
    const base = `/v1/collectivities/${f.slug}/admin`;
    for (const path of [
      `sites/${f.siteId}`,
      `services/${f.serviceId}`,
      `activities/${f.activityId}`,
      `closures/${f.closureId}`,
      `enrolments/${f.enrolmentId}`,
    ]) {
      const res = await t.request('PATCH', `${base}/${path}`, { token: admin, body: {} });
      expect(res.status, path).toBe(200);
      expect(res.body.id, path).toBeDefined();
    }
  });

  it('refuses a NUL character (which PostgreSQL cannot store) in a query or a body with a 400, not a 500', async () => {
    const admin = f.tokens.roles.admin;
    const base = `/v1/collectivities/${f.slug}/admin`;
    const search = await t.request('GET', `${base}/households?q=%00`, { token: admin });
    expect(search.status).toBe(400);
    expect(search.body.errors[0].path).toBe('query.q');
    const site = await t.request('PATCH', `${base}/sites/${f.siteId}`, { token: admin, body: { name: 'École\u0000' } });
    expect(site.status).toBe(400);
    expect(site.body.errors[0].path).toBe('body.name');
    const lone = await t.request('PATCH', `${base}/sites/${f.siteId}`, {
      token: admin,
      body: { address: { line1: '1 rue', postalCode: '75001', city: '\ud800' } },
    });
    expect(lone.status).toBe(400);
  });

  it('refuses a day the calendar does not have (29 February of a common year) in a back-office form with a 400', async () => {
    const res = await t.request('PATCH', `/v1/collectivities/${f.slug}/admin/enrolments/${f.enrolmentId}`, {
      token: f.tokens.roles.admin,
      body: { to: '2027-02-29' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.to');
  });

  it('refuses a kitchen period that would end after 9999-12-31 with a 400, and counts one that ends on it', async () => {
    const counts = (query: string) =>
      t.request('GET', `/v1/collectivities/${f.slug}/admin/kitchen/meal-counts?${query}`, { token: f.tokens.roles.admin });
    // Found by this file's fuzzer: from=9999-12-31&days=52 answered 500.
    const past = await counts('from=9999-12-31&days=52');
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe('query.from');
    const last = await counts('from=9999-12-01&days=31');
    expect(last.status).toBe(200);
    expect(last.body.to).toBe('9999-12-31');
  });

  it('lists the requests inbox up to the last date there is, 9999-12-31, without overflowing', async () => {
    const res = await t.request('GET', `/v1/collectivities/${f.slug}/admin/requests?from=2000-01-01&to=9999-12-31`, {
      token: f.tokens.roles.admin,
    });
    expect(res.status).toBe(200);
  });

  it('answers the ends of the calendar (0001-01-01 to 9999-12-31) without a 500', async () => {
    const admin = f.tokens.roles.admin;
    const base = `/v1/collectivities/${f.slug}/admin`;
    // A waiting-list period that starts on the last day: its default length stops at the end of time.
    const waitlists = await t.request('GET', `${base}/waitlists?from=9999-12-31`, { token: admin });
    expect(waitlists.status).toBe(200);
    expect(waitlists.body.to).toBe('9999-12-31');
    // Exports whose period ends on the last day: every row is read, the stream ends cleanly.
    for (const kind of ['bookings', 'attendance', 'meal-counts']) {
      const res = await t.fetch(`${base}/exports/${kind}.csv?from=9999-12-01&to=9999-12-31`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const text = await res.text();
      expect(res.status, kind).toBe(200);
      expect(text.length, kind).toBeGreaterThan(0);
    }
    // The last month can never be over: issuing it is refused with a 422 that says so.
    const run = await t.request('POST', `${base}/billing-runs`, {
      token: admin,
      body: { month: '9999-12' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(run.status).toBe(422);
    expect(run.body.code).toBe('month_not_over');
    // PostgreSQL has no year 0: a date or a month in it is a bad request, not a database error.
    const yearZero = await t.request('GET', `${base}/exports/bookings.csv?from=0000-01-01&to=0000-01-31`, { token: admin });
    expect(yearZero.status).toBe(400);
    expect(yearZero.body.errors[0].path).toBe('query.from');
    const monthZero = await t.request('GET', `${base}/invoices?month=0000-01`, { token: admin });
    expect(monthZero.status).toBe(400);
    expect(errorsLogged()).toEqual([]);
  });

  it('answers every route with all its dates on the first or the last days there are without a 500', async () => {
    // Random dates rarely land on the ends, where date arithmetic overflows and PostgreSQL refuses
    // year 0: every route gets valid input with every date and month moved there.
    const failures: string[] = [];
    // As the fuzzer below: routes without input (signing out…) would spend the fixture's sessions.
    const routes = apiRoutes(t.deps).filter((r) => r.endpoint.body || r.endpoint.query || r.endpoint.path.includes(':month'));
    for (const r of routes) {
      const token = tokenFor(r);
      for (const [seed, [date, month]] of (
        [
          ['0000-01-01', '0000-01'],
          ['0001-01-01', '0001-01'],
          ['9999-12-25', '9999-12'],
          ['9999-12-31', '9999-12'],
        ] as const
      ).entries()) {
        const queries = r.endpoint.query ? fc.sample(validOf(r.endpoint.query as never), { numRuns: 6, seed }) : [undefined];
        const bodies = r.endpoint.body ? fc.sample(validOf(r.endpoint.body as never), { numRuns: 6, seed }) : [undefined];
        for (let i = 0; i < Math.max(queries.length, bodies.length); i++) {
          const query = movedTo(queries[i % queries.length], date, month) as Record<string, unknown> | undefined;
          const body = movedTo(bodies[i % bodies.length], date, month);
          // Input without a date proves nothing here, and could change the fixture (an agent's role).
          const moved =
            JSON.stringify([query, body]) !== JSON.stringify([queries[i % queries.length], bodies[i % bodies.length]]);
          if (!moved && !r.endpoint.path.includes(':month')) continue;
          const search = new URLSearchParams(
            Object.entries(query ?? {}).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
          ).toString();
          const url = search ? `${pathOf(r, month)}?${search}` : pathOf(r, month);
          const res = await t.fetch(url, {
            method: r.endpoint.method,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(r.endpoint.idempotent ? { 'idempotency-key': crypto.randomUUID() } : {}),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          // A streamed answer (CSV) that fails half-way throws here instead of answering 500.
          const ended = await res.arrayBuffer().then(
            () => true,
            () => false,
          );
          if (res.status >= 500 || !ended)
            failures.push(`${keyOf(r)} → ${res.status}${ended ? '' : ', cut'}: ${url} ${JSON.stringify(body) ?? ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(errorsLogged()).toEqual([]);
  });

  it(
    'never answers 5xx nor logs an error, whatever a client sends',
    async () => {
      const routes = apiRoutes(t.deps).filter((r) => r.endpoint.body || r.endpoint.query);
      const failures: string[] = [];
      const kinds = new Map<string, number>();
      const statuses = new Map<number, number>();
      let cases = 0;
      const started = Date.now();
      for (const r of routes) {
        const path = pathOf(r);
        const token = tokenFor(r);
        const body = r.endpoint.body ? bodyTextOf(r.endpoint.body as never) : fc.constant(undefined);
        const query = r.endpoint.query ? queryOf(r.endpoint.query as never) : fc.constant(undefined);
        await fc
          .assert(
            fc.asyncProperty(body, query, async (b, q) => {
              cases++;
              const kind = [b?.kind, q?.kind].filter(Boolean).join('+');
              kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
              const url = q?.query ? `${path}?${q.query}` : path;
              const res = await t.fetch(url, {
                method: r.endpoint.method,
                headers: {
                  ...(token ? { authorization: `Bearer ${token}` } : {}),
                  ...(b ? { 'content-type': 'application/json' } : {}),
                  ...(r.endpoint.idempotent ? { 'idempotency-key': crypto.randomUUID() } : {}),
                },
                ...(b ? { body: b.text } : {}),
              });
              await res.arrayBuffer();
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              if (res.status >= 500) {
                failures.push(`${keyOf(r)} → ${res.status} on ${kind}: ${url} ${b?.text.slice(0, 300) ?? ''}`);
                return false;
              }
              return true;
            }),
            { numRuns: RUNS, endOnFailure: true },
          )
          .catch(() => undefined); // reported below, with every route's first failure
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.info(
        `contract fuzz: ${cases} cases over ${routes.length} routes in ${seconds} s (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}); ` +
          `statuses ${[...statuses]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      );
      for (const failure of failures) console.error(`contract fuzz failure: ${failure}`);
      expect(failures).toEqual([]);
      expect(errorsLogged()).toEqual([]);
      expect(routes.length).toBeGreaterThan(40);
      // Some cases got past validation into the handlers, or the fuzzer proves little.
      expect([...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(cases / 20);
    },
    Math.max(600_000, RUNS * 6_000),
  );
});
