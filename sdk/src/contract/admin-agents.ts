import * as v from 'valibot';
import { AgentRoleField, EmailField, OptionalText, ROLES } from './admin-fields.js';
import { CollectivityParams, Id, Instant } from './common.js';
import { AGENT_ROLES, endpoint } from './endpoint.js';

// The collectivity's agents and their roles. Admins only.

const IdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

/** An agent: signed in at least once (`active`) or still `invited`. */
export const Agent = v.object({
  /** The membership's id (an invited agent has no account yet). */
  id: Id,
  /** The agent's account: what a request is assigned to (`adminRequests.assignRequest`). */
  accountId: Id,
  email: v.string(),
  displayName: v.string(),
  role: v.picklist(AGENT_ROLES),
  status: v.picklist(['active', 'invited']),
  invitationExpiresAt: v.nullable(Instant),
  /**
   * The sites an animator works on, by name: the only ones whose roll call and children's
   * health marks they see (empty: none). Null for the other roles, who see every site.
   */
  sites: v.nullable(v.array(v.object({ id: Id, name: v.string() }))),
});
export type Agent = v.InferOutput<typeof Agent>;

export const AgentInvitationInput = v.strictObject({
  email: EmailField(),
  role: AgentRoleField,
  displayName: OptionalText('le nom affiché', 100),
});

/** The whole set of an animator's sites, replacing the previous one; `[]` leaves them none. */
export const AgentSitesInput = v.strictObject({
  siteIds: v.pipe(v.array(Id, 'les sites doivent être une liste'), v.maxLength(500, 'trop de sites')),
});

export const listAgents = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/agents',
  params: CollectivityParams,
  response: v.object({ agents: v.array(Agent) }),
  roles: ROLES.admin,
});
/** Invites an agent by email: an account that exists gets the role at once, a new one an activation link. */
export const inviteAgent = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/agents',
  params: CollectivityParams,
  body: AgentInvitationInput,
  response: Agent,
  status: 201,
  roles: ROLES.admin,
});
export const updateAgent = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/agents/:id',
  params: IdParams,
  body: v.strictObject({ role: AgentRoleField }),
  response: Agent,
  roles: ROLES.admin,
});
/** Removes an agent's role in the collectivity; the last admin cannot be removed (409). */
export const removeAgent = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/admin/agents/:id',
  params: IdParams,
  roles: ROLES.admin,
});
/** Sets the sites an animator works on; 409 `conflict` for another role, who sees every site. */
export const setAgentSites = endpoint({
  method: 'PUT',
  path: '/v1/collectivities/:c/admin/agents/:id/sites',
  params: IdParams,
  body: AgentSitesInput,
  response: Agent,
  roles: ROLES.admin,
});
