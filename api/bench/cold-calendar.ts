import { createRequire } from 'node:module';
import { insertBulkFamilies } from '../src/db/seed/bulk-families.js';
import type { AppDeps } from '../src/deps.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import { findCollectivityContext } from '../src/modules/collectivities/collectivity-context.js';
import { collectGarbage } from './collect-garbage.js';
import { profiled } from './profiled.js';

// undici's request(), as the rush's load worker: cheaper per request than fetch on 2 cores.
const require = createRequire(import.meta.url);
const { Agent, request } = require('undici') as typeof import('undici');

const CHILDREN = 2000;
const CONNECTIONS = 64;

/** One pass: every request once, `CONNECTIONS` at a time; requests per second and p99. */
async function pass(agent: InstanceType<typeof Agent>, requests: { url: string; headers: Record<string, string> }[]) {
  let next = 0;
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const r = requests[i];
        if (!r) continue;
        const at = performance.now();
        const res = await request(r.url, { headers: r.headers, dispatcher: agent });
        await res.body.arrayBuffer();
        if (res.statusCode !== 200) failed++;
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(requests.length / seconds),
    p99: Math.round(latencies[Math.floor(0.99 * latencies.length)] ?? 0),
    failed,
  };
}

/**
 * (c) Cold calendar reads: 2,000 different children each read their month once (nothing of
 * theirs computed yet), then again (warm), at 64 connections; against the same number of
 * `/healthz` requests (`SELECT 1` through the same pool) sent the same way. Enrolled alike and
 * with nothing booked, they share one computed calendar; 2,000 more, each with a day booked,
 * are read once too: every one of theirs is computed.
 */
export async function benchColdCalendar(
  deps: AppDeps,
  base: string,
  like: { childId: string; from: string; to: string },
  /** Vacuums and analyzes the database after the bulk inserts, as autovacuum soon would on a server. */
  settle: () => Promise<void>,
) {
  const { db } = deps;
  const collectivity = await findCollectivityContext(db, { slug: 'ville-de-demo' });
  if (!collectivity) throw new Error('the demo town is not seeded');
  // Enrolled as the demo child is: the same activities, so the same calendar to compute.
  const enrolments = await db
    .selectFrom('enrolments')
    .select(['activity_id', 'from_date', 'to_date'])
    .where('collectivity_id', '=', collectivity.id)
    .where('child_id', '=', like.childId)
    .where('ended_at', 'is', null)
    .execute();
  const enrol = (prefix: string) =>
    insertBulkFamilies(db, {
      collectivityId: collectivity.id,
      count: CHILDREN,
      prefix,
      domain: 'bench.example',
      name: 'Calendrier',
      enrolments: enrolments.map((e) => ({ activityId: e.activity_id, from: e.from_date, to: e.to_date })),
      birthDate: '2017-01-01',
      createdAt: deps.clock.now(),
    });
  const families = await enrol('cold.calendar');
  const now = deps.clock.now();
  const readOf = async (f: { accountId: string; childIds: string[] }) => {
    const token = await signAccessToken(deps.keys, { ...deps.config.auth, accessTokenSeconds: 3600 }, f.accountId, now);
    return {
      url: `${base}/v1/collectivities/ville-de-demo/children/${f.childIds[0]}/calendar?from=${like.from}&to=${like.to}`,
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br, zstd' },
    };
  };
  const requests = await Promise.all(families.map(readOf));
  await settle();
  // The same number of other children, each with a day booked in the month: nothing of their
  // calendars can be shared, every one is computed.
  const withOwnDay = async () => {
    const own = await enrol('cold.calendar.own');
    const probe = await readOf(own[0] ?? { accountId: '', childIds: [] });
    const first = await fetch(probe.url, { headers: { authorization: probe.headers.authorization ?? '' } });
    const days = (
      (await first.json()) as {
        cells: { date: string; activityId: string; canBook: boolean; placesLeft: number | null; priceCents: number }[];
      }
    ).cells.filter((c) => c.canBook && c.placesLeft === null);
    if (days.length === 0) throw new Error('cold calendar: no day to book in the month');
    await db
      .insertInto('bookings')
      .values(
        own.map((f, i) => {
          const day = days[i % days.length] ?? days[0];
          return {
            collectivity_id: collectivity.id,
            household_id: f.householdId,
            child_id: f.childIds[0] ?? '',
            activity_id: day?.activityId ?? '',
            date: day?.date ?? '',
            status: 'booked' as const,
            price_cents: day?.priceCents ?? 0,
            created_at: now,
          };
        }),
      )
      .execute();
    await settle();
    return Promise.all(own.map(readOf));
  };
  const agent = new Agent({ connections: CONNECTIONS, pipelining: 1 });
  try {
    const healthz = requests.map(() => ({ url: `${base}/healthz`, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }));
    // The families' setup garbage is collected before the pass that opens the connections,
    // which compiles the request path again (see collect-garbage.ts).
    collectGarbage();
    await pass(agent, healthz); // opens the connections
    const baseline = await pass(agent, healthz);
    const cold = await profiled('calendar-cold', () => pass(agent, requests));
    const warm = await pass(agent, requests);
    const ownRequests = await withOwnDay();
    const ownCold = await profiled('calendar-cold-own', () => pass(agent, ownRequests));
    const failed = cold.failed + warm.failed + ownCold.failed;
    if (failed > 0) throw new Error(`cold calendar: ${failed} answers were not 200`);
    return {
      calendarColdRps: cold.rps,
      calendarColdP99Ms: cold.p99,
      calendarColdRatio: Number((cold.rps / baseline.rps).toFixed(3)),
      calendarColdWarmRps: warm.rps,
      calendarColdWarmRatio: Number((warm.rps / baseline.rps).toFixed(3)),
      calendarColdBaselineRps: baseline.rps,
      calendarColdOwnRps: ownCold.rps,
      calendarColdOwnP99Ms: ownCold.p99,
      calendarColdOwnRatio: Number((ownCold.rps / baseline.rps).toFixed(3)),
    };
  } finally {
    await agent.close();
  }
}
