import { adminJoinRequests } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope, requireCaller, requireCollectivity } from '../../lib/scope.js';
import { createJoinRequest, decideJoinRequest, listJoinRequests, listMyJoinRequests } from './join-requests.js';

const agents: Pick<RouteDoc, 'tags' | 'access'> = { tags: ['Agent: join requests'], access: 'agent' };

/** "Adhérer à une autre collectivité": parents ask, the collectivity's agents decide. */
export function joinRequestRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminJoinRequests.createJoinRequest,
      {
        summary: 'Ask to join a collectivity',
        description:
          'Any signed-in account (a parent of another town) gives its household’s details; the collectivity’s agents accept or refuse. 409 `join_request_pending` while one waits, `already_member` when the account already has a household there.',
        tags: ['Join requests'],
        access: 'account',
      },
      async ({ body }, c) => createJoinRequest(deps, requireCollectivity(c), requireCaller(c).accountId, body),
    ),
    route(
      adminJoinRequests.listMyJoinRequests,
      { summary: 'My requests to join a collectivity', tags: ['Join requests'], access: 'account' },
      async (_input, c) => ({
        joinRequests: await listMyJoinRequests(deps.db, requireCollectivity(c), requireCaller(c).accountId),
      }),
    ),
    route(adminJoinRequests.listJoinRequests, { summary: 'List join requests', ...agents }, async ({ query }, c) => ({
      joinRequests: await listJoinRequests(deps.db, requireCollectivity(c), query.status),
    })),
    route(
      adminJoinRequests.acceptJoinRequest,
      {
        summary: 'Accept a join request',
        description:
          'Links the account to an existing household (`householdId`) or creates one from the request, with its children. The collectivity then appears in the parent’s `/v1/me`. The parent is emailed.',
        ...agents,
      },
      async ({ params, body }, c) =>
        decideJoinRequest(deps, requireCollectivity(c), agentScope(c).accountId, params.id, {
          accept: true,
          householdId: body.householdId,
        }),
    ),
    route(
      adminJoinRequests.refuseJoinRequest,
      { summary: 'Refuse a join request', description: 'The reason is emailed to the parent.', ...agents },
      async ({ params, body }, c) =>
        decideJoinRequest(deps, requireCollectivity(c), agentScope(c).accountId, params.id, {
          accept: false,
          reason: body.reason,
        }),
    ),
  ];
}
