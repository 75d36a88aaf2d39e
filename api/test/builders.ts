import { type BulkFamily, insertBulkFamilies } from '../src/db/seed/bulk-families.js';
import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import type { TestApp } from './harness.js';

export interface BuiltHousehold extends BulkFamily {
  token: string;
}

let counter = 0;

/**
 * Inserts households with a signed-in parent and enrolled children, fast: no password hash,
 * the access token is signed directly. For tests that need many families at once.
 */
export async function buildHouseholds(
  t: TestApp,
  options: { count: number; collectivityId: string; activityIds: string[]; children?: number; familyQuotient?: number },
): Promise<BuiltHousehold[]> {
  const db = t.deps.db;
  const seasons = await db
    .selectFrom('activities')
    .select(['id', 'season_from', 'season_to'])
    .where('collectivity_id', '=', options.collectivityId)
    .where('id', 'in', options.activityIds)
    .execute();
  const call = ++counter;
  const families = await insertBulkFamilies(db, {
    collectivityId: options.collectivityId,
    count: options.count,
    prefix: `famille.${call}.${Date.now()}`,
    domain: 'test.example',
    name: `Test${call}`,
    enrolments: seasons.map((a) => ({ activityId: a.id, from: a.season_from, to: a.season_to })),
    childrenPerFamily: options.children ?? 1,
    familyQuotient: options.familyQuotient ?? 900,
    createdAt: t.clock.now(),
  });
  const built: BuiltHousehold[] = [];
  for (const family of families) {
    built.push({ ...family, token: await signAccessToken(t.deps.keys, t.deps.config.auth, family.accountId, t.clock.now()) });
  }
  return built;
}

/** A second collectivity's agent: an account with an agent membership in Saint-Exemple. */
export async function saintExempleAgent(t: TestApp, email = 'agent.saint-exemple@test.example'): Promise<string> {
  const db = t.deps.db;
  const other = await db.selectFrom('collectivities').select('id').where('slug', '=', 'saint-exemple').executeTakeFirstOrThrow();
  const existing = await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
  if (!existing) {
    const hash = await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', 'agent.demo@example.org')
      .executeTakeFirstOrThrow();
    const account = await db
      .insertInto('accounts')
      .values({ email, display_name: 'Agent Saint-Exemple', password_hash: hash.password_hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('account_collectivities').values({ account_id: account.id, collectivity_id: other.id }).execute();
    await db
      .insertInto('memberships')
      .values({ collectivity_id: other.id, account_id: account.id, kind: 'agent', role: 'admin' })
      .execute();
  }
  return (await t.login(email)).accessToken;
}
