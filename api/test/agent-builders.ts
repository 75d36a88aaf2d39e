import type { AgentRole } from '../src/db/schema.js';
import type { TestApp } from './harness.js';

/**
 * An account with an agent role in a collectivity (the demo's by default), signed in: the demo
 * password's hash is reused, so no hashing is paid per test.
 */
export async function agentWithRole(
  t: TestApp,
  role: AgentRole,
  options: { slug?: string; email?: string } = {},
): Promise<{ accountId: string; token: string; email: string }> {
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
  await db
    .insertInto('memberships')
    .values({ collectivity_id: collectivity.id, account_id: account.id, kind: 'agent', role })
    .execute();
  return { accountId: account.id, token: (await t.login(email)).accessToken, email };
}
