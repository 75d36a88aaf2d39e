import postgres from 'postgres';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/lib/logger.js';
import { startFoyer } from '../src/main.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import { readCalendarRows } from '../src/modules/calendar/calendar-data.js';

const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
await admin.unsafe('drop database if exists foyer_scratch with (force)');
await admin.unsafe('create database foyer_scratch');
await admin.end();
const config = loadConfig({
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/foyer_scratch',
  LOG_LEVEL: 'silent',
  FOYER_SEED_DEMO: 'true',
});
const foyer = await startFoyer(
  { ...config, env: 'production', auth: { ...config.auth, scryptLog2N: 12 } },
  createLogger('silent'),
);
const db = foyer.deps.db;
const acc = await db.selectFrom('accounts').select('id').where('email', '=', 'parent.demo@example.org').executeTakeFirstOrThrow();
const child = await db
  .selectFrom('children')
  .select(['id', 'household_id', 'collectivity_id'])
  .where('first_name', '=', 'Alvaro')
  .executeTakeFirstOrThrow();
const token = await signAccessToken(foyer.deps.keys, config.auth, acc.id, new Date());
const path = `/v1/collectivities/ville-de-demo/children/${child.id}/calendar?from=2026-11-01&to=2026-11-30`;
const time = async (label: string, f: () => Promise<unknown>, n = 300) => {
  for (let i = 0; i < 20; i++) await f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(label, ((performance.now() - t0) / n).toFixed(3), 'ms');
};
await time('rows query', () =>
  readCalendarRows(db, {
    collectivityId: child.collectivity_id,
    householdId: child.household_id,
    childId: child.id,
    from: '2026-11-01',
    to: '2026-11-30',
    now: new Date(),
  }),
);
await time('select 1', () => db.selectFrom('collectivities').select('id').limit(1).execute());
await time('calendar route', async () => {
  const r = await foyer.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  await r.text();
});
await time('healthz', async () => {
  const r = await foyer.app.request('/healthz');
  await r.text();
});
await time('me', async () => {
  const r = await foyer.app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
  await r.text();
});
const { jwtVerify } = await import('jose');
process.exit(0);
