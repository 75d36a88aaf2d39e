import { adminRequests } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { answerRequest, askForInformation, assignRequest, decideRequest, listInbox, readRequest } from './admin-requests.js';
import { listAssignees } from './assignees.js';
import { createCategory, listAdminCategories, updateCategory } from './request-categories.js';

// Requests hold identity documents and health data: their endpoints admit only the roles
// that process them (`roles` in the contract).
const agents: Pick<RouteDoc, 'tags' | 'access'> = { tags: ['Agent: requests'], access: 'agent' };

export function adminRequestRoutes(deps: AppDeps): Route[] {
  const actorOf = (c: Context<AppEnv>) => ({ collectivity: requireCollectivity(c), agentAccountId: agentScope(c).accountId });
  const categoryActor = (c: Context<AppEnv>) => {
    const { collectivityId, accountId } = agentScope(c);
    return { collectivityId, agentAccountId: accountId, now: deps.clock.now() };
  };
  return [
    route(
      adminRequests.listAdminCategories,
      { summary: 'Request categories, archived ones included', ...agents },
      async (_input, c) => ({ categories: await listAdminCategories(deps.db, agentScope(c).collectivityId) }),
    ),
    route(
      adminRequests.createCategory,
      {
        summary: 'Create a request category',
        description:
          'Form field and document type keys must be unique. A category with an `effect` must have the fields that effect applies on acceptance (see `RequestEffect`).',
        ...agents,
      },
      async ({ body }, c) => createCategory(deps.db, categoryActor(c), body),
    ),
    route(
      adminRequests.updateCategory,
      { summary: 'Change or archive a request category', ...agents },
      async ({ params, body }, c) => updateCategory(deps.db, categoryActor(c), params.id, body),
    ),
    route(
      adminRequests.listAssignees,
      {
        summary: 'Who a request can be assigned to',
        description: 'The admins and agents who signed in at least once, by account id and display name only.',
        ...agents,
      },
      async (_input, c) => ({ assignees: await listAssignees(deps.db, agentScope(c).collectivityId) }),
    ),
    route(
      adminRequests.listInbox,
      {
        summary: 'The requests inbox',
        description:
          'Filters: `status` (one or several, comma-separated), `category`, `assignedTo` (an agent, or `none`), `from`/`to` (local days the request was sent). Newest first unless `order=oldest`. Paginated by `cursor`/`limit` (default 25, at most 100). Each request says whether the caller has `unread` parent writing in it (opening the request reads it); `unreadCount` counts them in the whole collectivity.',
        ...agents,
      },
      async ({ query }, c) => listInbox(deps.db, actorOf(c), query),
    ),
    route(
      adminRequests.getAdminRequest,
      {
        summary: 'A request with its answers, documents and thread',
        description:
          'Reading an allergy / care-plan or pick-up request is written to the audit log (it shows a child’s protected data).',
        ...agents,
      },
      async ({ params }, c) => readRequest(deps, actorOf(c), params.id),
    ),
    route(
      adminRequests.assignRequest,
      {
        summary: 'Assign a request (to myself by default)',
        description: 'A `submitted` request becomes `in_progress`.',
        ...agents,
      },
      async ({ params, body }, c) => assignRequest(deps, actorOf(c), params.id, body.agentAccountId),
    ),
    route(
      adminRequests.answerRequest,
      { summary: 'Answer in a request thread', description: 'The family is emailed that a message is waiting.', ...agents },
      async ({ params, body }, c) => answerRequest(deps, actorOf(c), params.id, body.body),
    ),
    route(
      adminRequests.askForInformation,
      {
        summary: 'Ask the family for more information',
        description: 'Posts the message and sets the request to `needs_info` until the family replies.',
        ...agents,
      },
      async ({ params, body }, c) => askForInformation(deps, actorOf(c), params.id, body.message),
    ),
    route(
      adminRequests.decideRequest,
      {
        summary: 'Accept or reject a request',
        description:
          "Rejecting needs a reason. Accepting an `address` request sets the household's address, an `allergy` request adds the allergens (and care plan) to the child, a `pickup` request adds the person to the child's authorised pick-ups, in the same transaction. Every decision is audited and emailed to the family; a decided request answers 409 `request_decided`.",
        ...agents,
      },
      async ({ params, body }, c) => decideRequest(deps, actorOf(c), params.id, body),
    ),
  ];
}
