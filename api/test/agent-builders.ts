import type { AgentRole } from '../src/db/schema.js';
import type { TestApp } from './harness.js';

/**
 * An account with an agent role in a collectivity (the demo's by default), signed in: the demo
 * password's hash is reused, so no hashing is paid per test. An animator works on every site of
 * the town unless `sites` lists theirs (`[]`: none).
 */
export async function agentWithRole(
  t: TestApp,
  role: AgentRole,
  options: { slug?: string; email?: string; sites?: string[] } = {},
): Promise<{ accountId: string; token: string; email: string; membershipId: string }> {
  const db = t.deps.db;
  const slug = options.slug ?? 'ville-de-demo';
  const email = options.email ?? `${role}.${slug}.${crypto.randomUUID().slice(0, 8)}@test.example`;
  const collectivity = await db.selectFrom('collectivities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  const hash = await db
    .selectFrom('accounts')
    .select('password_hash')
    .where('email', '=', 'agent.demo@example.org')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({ email, display_name: `Agent ${role}`, password_hash: hash.password_hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('account_collectivities').values({ account_id: account.id, collectivity_id: collectivity.id }).execute();
  const membership = await db
    .insertInto('memberships')
    .values({ collectivity_id: collectivity.id, account_id: account.id, kind: 'agent', role })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (role === 'animator') {
    const sites =
      options.sites ??
      (await db.selectFrom('sites').select('id').where('collectivity_id', '=', collectivity.id).execute()).map((s) => s.id);
    if (sites.length > 0) {
      await db
        .insertInto('agent_sites')
        .values(sites.map((siteId) => ({ collectivity_id: collectivity.id, membership_id: membership.id, site_id: siteId })))
        .execute();
    }
  }
  return { accountId: account.id, token: (await t.login(email)).accessToken, email, membershipId: membership.id };
}
