// The access matrix, generated from the contract (issue #16).
//
// Every route the API mounts (the list /openapi.json is made from) is called by every caller
// that must be refused, with the ids of real objects of the demo parent's household, and must
// answer 401/403/404 and leave every table of the database as it was.
//
// ADDING AN ENDPOINT: add ONE line to `FIXTURES` in access-matrix-routes.ts (path params, and
// `victim: true` when it names an object of the victim's household), or to `PUBLIC` with the
// reason anyone may call it. A route in neither makes this test fail.
import { AGENT_ROLES } from '@foyer/sdk/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app.js';
import type { Route } from '../src/lib/route.js';
import { type AccessFixture, buildAccessFixture, changedTables, databaseDigest } from './access-fixture.js';
import { type Call, FIXTURES, PUBLIC } from './access-matrix-routes.js';
import { validOf } from './contract-fuzz-arbitraries.js';
import { DEMO, startTestApp, type TestApp } from './harness.js';

const keyOf = (r: Route) => `${r.endpoint.method} ${r.endpoint.path}`;

/** The callers a route must refuse, each with the statuses that count as a refusal. */
function refusedCallers(r: Route, call: Call, f: AccessFixture): { who: string; token?: string; expect: number[] }[] {
  const unauthenticated = [
    { who: 'no token', expect: [401] },
    { who: 'expired token', token: f.tokens.expired, expect: [401] },
  ];
  const outsiders = [
    { who: 'parent of another town', token: f.tokens.otherTownParent, expect: [403] },
    { who: 'agent of another town', token: f.tokens.otherTownAgent, expect: [403] },
  ];
  switch (r.doc.access) {
    case 'account':
      return unauthenticated;
    case 'parent':
      return [
        ...unauthenticated,
        ...outsiders,
        { who: 'admin of the town (not a parent)', token: f.tokens.admin, expect: [403] },
        ...(call.victim ? [{ who: 'parent of another household', token: f.tokens.otherHousehold, expect: [403, 404] }] : []),
      ];
    case 'agent':
      return [
        ...unauthenticated,
        ...outsiders,
        { who: 'parent of the town', token: f.tokens.parent, expect: [403] },
        ...AGENT_ROLES.filter((role) => !r.endpoint.roles?.includes(role)).map((role) => ({
          who: `${role} (role not admitted)`,
          token: f.tokens.roles[role],
          expect: [403],
        })),
      ];
    default:
      return [];
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The call made from inside the other town (its own URL, its own admin or parent) with this
 * town's ids: a route that finds an object by id without its town would answer it.
 */
function crossTenantCaller(r: Route, call: Call, f: AccessFixture): { who: string; token: string; expect: number[] } | undefined {
  if (!Object.values(call.params ?? {}).some((value) => UUID.test(value))) return undefined;
  // 400: a body refused before any lookup (an unknown assignee, an IBAN): nothing was read.
  if (r.doc.access === 'agent')
    return {
      who: "admin of another town, in that town, with this town's ids",
      token: f.tokens.otherTownAgent,
      expect: [400, 403, 404],
    };
  if (r.doc.access === 'parent')
    return {
      who: "parent of another town, in that town, with this town's ids",
      token: f.tokens.otherTownParent,
      expect: [400, 403, 404],
    };
  return undefined;
}

function urlOf(r: Route, f: AccessFixture, call: Call, slug = f.slug): string {
  const path = r.endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    if (name === 'c') return slug;
    const value = call.params?.[name];
    if (!value) throw new Error(`${keyOf(r)}: the fixture gives no :${name}`);
    return value;
  });
  return call.query ? `${path}?${new URLSearchParams(call.query)}` : path;
}

let t: TestApp;
let f: AccessFixture;
beforeAll(async () => {
  t = await startTestApp();
  f = await buildAccessFixture(t);
}, 120_000);
afterAll(() => t.close());

describe('access matrix', () => {
  it('has a fixture for every route of the contract, or a reason it is public', () => {
    const routes = apiRoutes(t.deps);
    const missing = routes.filter((r) => !(keyOf(r) in FIXTURES) && !(keyOf(r) in PUBLIC)).map(keyOf);
    expect(missing, 'add a line to FIXTURES (or PUBLIC) for these routes').toEqual([]);
    const notPublic = routes.filter((r) => keyOf(r) in PUBLIC && r.doc.access !== 'public').map(keyOf);
    expect(notPublic, 'listed as public but guarded').toEqual([]);
    const unlisted = routes.filter((r) => r.doc.access === 'public' && !(keyOf(r) in PUBLIC)).map(keyOf);
    expect(unlisted, 'public routes must say why in PUBLIC').toEqual([]);
    const stale = Object.keys(FIXTURES).filter((k) => !routes.some((r) => keyOf(r) === k));
    expect(stale, 'fixtures of routes that no longer exist').toEqual([]);
  });

  it('refuses every caller without the right, on every guarded route, and changes nothing', async () => {
    const wrong: string[] = [];
    const changed: string[] = [];
    let cells = 0;
    let crossCalls = 0;
    let crossRefused = 0;
    // The digest covers the tenant tables (a sanity check that it reads the schema at all).
    const tables = [...(await databaseDigest(t)).keys()];
    expect(tables).toEqual(
      expect.arrayContaining(['households', 'children', 'bookings', 'requests', 'attachments', 'memberships']),
    );
    const routes = apiRoutes(t.deps).filter((r) => r.doc.access !== 'public');
    for (const r of routes) {
      const fixture = FIXTURES[keyOf(r)];
      if (!fixture) continue; // reported by the coverage test above
      const call = fixture(f);
      const url = urlOf(r, f, call);
      const before = await databaseDigest(t);
      for (const caller of refusedCallers(r, call, f)) {
        cells++;
        const res = await t.request(r.endpoint.method, url, {
          ...(caller.token ? { token: caller.token } : {}),
          ...(r.endpoint.body ? { body: call.body ?? {} } : {}),
          // A key, so that an idempotent route's refusal is about access, not a missing header.
          ...(r.endpoint.idempotent ? { headers: { 'idempotency-key': `access-matrix-${cells}` } } : {}),
        });
        if (!caller.expect.includes(res.status))
          wrong.push(`${caller.who}: ${keyOf(r)} → ${res.status} ${JSON.stringify(res.body)}`);
        else if (res.headers.get('content-type')?.startsWith('application/problem+json') !== true) {
          wrong.push(`${caller.who}: ${keyOf(r)} → ${res.status} without a problem document`);
        }
      }
      const cross = crossTenantCaller(r, call, f);
      if (cross) {
        cells++;
        crossCalls++;
        const res = await t.request(r.endpoint.method, urlOf(r, f, call, DEMO.collectivities.second), {
          token: cross.token,
          // A valid body, so that the answer is about the ids, not about the form.
          ...(r.endpoint.body
            ? {
                body:
                  call.body && Object.keys(call.body).length > 0
                    ? call.body
                    : JSON.parse(JSON.stringify(fc.sample(validOf(r.endpoint.body as never), { numRuns: 1, seed: 7 })[0])),
              }
            : {}),
          ...(r.endpoint.idempotent ? { headers: { 'idempotency-key': `access-matrix-${cells}` } } : {}),
        });
        if (res.status !== 400) crossRefused++;
        if (!cross.expect.includes(res.status))
          wrong.push(`${cross.who}: ${keyOf(r)} → ${res.status} ${JSON.stringify(res.body)}`);
      }
      const diff = changedTables(before, await databaseDigest(t));
      if (diff.length > 0) changed.push(`${keyOf(r)} changed ${diff.join(', ')}`);
    }
    console.info(
      `access matrix: ${routes.length} guarded routes × up to 9 callers = ${cells} refused calls (${crossCalls} from inside the other town with this town's ids, ${crossRefused} of them refused as not found or forbidden)`,
    );
    expect(wrong).toEqual([]);
    expect(changed).toEqual([]);
    expect(cells).toBeGreaterThan(400);
    expect(crossRefused).toBeGreaterThan(40);
  }, 300_000);
});
