import { signAccessToken } from '../src/modules/auth/access-tokens.js';
import type { TestApp } from './harness.js';

export interface BuiltHousehold {
  householdId: string;
  accountId: string;
  token: string;
  childIds: string[];
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
  const { collectivityId } = options;
  const season = await db
    .selectFrom('activities')
    .select(['id', 'season_from', 'season_to'])
    .where('collectivity_id', '=', collectivityId)
    .where('id', 'in', options.activityIds)
    .execute();
  const built: BuiltHousehold[] = [];
  const batch = Array.from({ length: options.count }, () => ++counter);
  const accounts = await db
    .insertInto('accounts')
    .values(batch.map((n) => ({ email: `famille.${n}.${Date.now()}@test.example`, display_name: `Parent ${n}` })))
    .returning(['id', 'email'])
    .execute();
  const households = await db
    .insertInto('households')
    .values(
      batch.map((n) => ({
        collectivity_id: collectivityId,
        name: `Famille Test ${n}`,
        family_quotient: options.familyQuotient ?? 900,
      })),
    )
    .returning('id')
    .execute();
  await db
    .insertInto('memberships')
    .values(
      accounts.map((a, i) => ({
        collectivity_id: collectivityId,
        account_id: a.id,
        kind: 'parent' as const,
        household_id: households[i]?.id ?? '',
      })),
    )
    .execute();
  await db
    .insertInto('account_collectivities')
    .values(accounts.map((a) => ({ account_id: a.id, collectivity_id: collectivityId })))
    .execute();
  const perHousehold = options.children ?? 1;
  const children = await db
    .insertInto('children')
    .values(
      households.flatMap((h, i) =>
        Array.from({ length: perHousehold }, (_, k) => ({
          collectivity_id: collectivityId,
          household_id: h.id,
          first_name: `Enfant${k + 1}`,
          last_name: `Test${batch[i]}`,
          birth_date: '2018-05-01',
          authorised_pickups: '[]',
        })),
      ),
    )
    .returning(['id', 'household_id'])
    .execute();
  await db
    .insertInto('enrolments')
    .values(
      children.flatMap((child) =>
        season.map((a) => ({
          collectivity_id: collectivityId,
          child_id: child.id,
          activity_id: a.id,
          from_date: a.season_from,
          to_date: a.season_to,
        })),
      ),
    )
    .execute();
  for (const [i, household] of households.entries()) {
    const account = accounts[i];
    if (!account) continue;
    built.push({
      householdId: household.id,
      accountId: account.id,
      token: await signAccessToken(t.deps.keys, t.deps.config.auth, account.id, t.clock.now()),
      childIds: children.filter((c) => c.household_id === household.id).map((c) => c.id),
    });
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
