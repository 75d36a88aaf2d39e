import { adminAgents } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/api-error.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope } from '../../lib/scope.js';
import { setAgentSites } from './agent-sites.js';
import { changeAgent, inviteAgent, listAgents } from './agents.js';

const doc = (summary: string, description?: string): RouteDoc => ({
  summary,
  ...(description ? { description } : {}),
  tags: ['Agent: agents'],
  access: 'agent',
});

/** The collectivity's agents and their roles, for its admins. */
export function adminAgentRoutes(deps: AppDeps): Route[] {
  return [
    route(adminAgents.listAgents, doc('List agents and their roles'), async (_input, c) => ({
      agents: await listAgents(deps.db, agentScope(c).collectivityId, deps.clock.now()),
    })),
    route(
      adminAgents.inviteAgent,
      doc(
        'Invite an agent',
        'A new email gets an account and a link to choose a password (to the back office, `/admin/#foyer-reset=…`); an existing account gets the role at once. 409 `already_agent` when it has one.',
      ),
      async ({ body }, c) => {
        const { collectivityId, accountId } = agentScope(c);
        return inviteAgent(deps, { collectivityId, ...body, invitedBy: accountId });
      },
    ),
    route(
      adminAgents.updateAgent,
      doc("Change an agent's role", '409 `last_admin` would leave no admin.'),
      async ({ params, body }, c) => {
        const { collectivityId, accountId } = agentScope(c);
        const agent = await changeAgent(deps, { collectivityId, membershipId: params.id, role: body.role, by: accountId });
        if (!agent) throw notFound('agent');
        return agent;
      },
    ),
    route(
      adminAgents.setAgentSites,
      doc(
        "Set an animator's sites",
        'Replaces the sites an animator works on: the roll calls, and the allergies and care plans, they see are those of these sites only (`[]`: none). 409 `conflict` for another role, who sees every site; 422 for a site not of the collectivity.',
      ),
      async ({ params, body }, c) => {
        const { collectivityId, accountId } = agentScope(c);
        const now = deps.clock.now();
        await setAgentSites(deps.db, { collectivityId, membershipId: params.id, siteIds: body.siteIds, by: accountId, now });
        const [agent] = await listAgents(deps.db, collectivityId, now, params.id);
        if (!agent) throw notFound('agent');
        return agent;
      },
    ),
    route(adminAgents.removeAgent, doc('Remove an agent', '409 `last_admin` would leave no admin.'), async ({ params }, c) => {
      const { collectivityId, accountId } = agentScope(c);
      await changeAgent(deps, { collectivityId, membershipId: params.id, role: null, by: accountId });
      return undefined;
    }),
  ];
}
