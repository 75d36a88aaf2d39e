import { seesOnlyAssignedSites } from '../../domain/index.js';
import type { Executor } from '../database.js';
import type { AgentRole } from '../schema.js';

/**
 * The demo town's agents with a role other than admin, so that each role's view of the back
 * office can be tried (`agent.demo@example.org`, seeded with the families, is the admin).
 */
export async function seedDemoAgents(
  trx: Executor,
  input: {
    collectivityId: string;
    passwordHash: string;
    verifiedAt: Date;
    agents: { email: string; displayName: string; role: AgentRole }[];
  },
): Promise<void> {
  for (const agent of input.agents) {
    const { id } = await trx
      .insertInto('accounts')
      .values({
        email: agent.email,
        display_name: agent.displayName,
        password_hash: input.passwordHash,
        email_verified_at: input.verifiedAt,
      })
      // An account left over from an earlier demo keeps its password: only the towns were reset.
      .onConflict((oc) => oc.column('email').doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })))
      .returning('id')
      .executeTakeFirstOrThrow();
    const membership = await trx
      .insertInto('memberships')
      .values({ collectivity_id: input.collectivityId, account_id: id, kind: 'agent', role: agent.role })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The demo's animator works on every site of the town, so the demo shows every roll call.
    if (seesOnlyAssignedSites(agent.role)) {
      const sites = await trx.selectFrom('sites').select('id').where('collectivity_id', '=', input.collectivityId).execute();
      if (sites.length > 0) {
        await trx
          .insertInto('agent_sites')
          .values(
            sites.map((site) => ({ collectivity_id: input.collectivityId, membership_id: membership.id, site_id: site.id })),
          )
          .execute();
      }
    }
    await trx.insertInto('account_collectivities').values({ account_id: id, collectivity_id: input.collectivityId }).execute();
  }
}
