import { requests } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope } from '../../lib/scope.js';
import { decodeCursor } from './cursor.js';
import { listCategories } from './request-categories.js';
import { householdRequestPage, householdView, requestDetail } from './request-views.js';
import { createRequest, replyToRequest } from './requests.js';

const tags = ['Requests'];

export function requestRoutes(deps: AppDeps): Route[] {
  return [
    route(
      requests.listRequestCategories,
      { summary: 'Request categories, with their forms and documents', tags, access: 'parent' },
      async (_input, c) => ({ categories: await listCategories(deps.db, householdScope(c).collectivityId) }),
    ),
    route(
      requests.listRequests,
      {
        summary: "My household's requests, newest first",
        description: 'Paginated: pass `nextCursor` back as `cursor` for the next page.',
        tags,
        access: 'parent',
      },
      async ({ query }, c) => {
        const { collectivityId, householdId } = householdScope(c);
        return householdRequestPage(
          deps.db,
          { collectivityId, householdId },
          {
            statuses: query.status,
            order: 'newest',
            cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
            limit: query.limit ?? 25,
          },
        );
      },
    ),
    route(
      requests.getRequest,
      { summary: 'One of my requests, with its documents and messages', tags, access: 'parent' },
      async ({ params }, c) => householdView(await requestDetail(deps.db, householdScope(c), params.id)),
    ),
    route(
      requests.createRequest,
      {
        summary: 'Send a request',
        description:
          "Answers are checked against the category's form (required fields, dates, choices, the child picker naming one of the household's children). `attachmentIds` are documents uploaded by the household and not yet sent; together they must cover the category's required document types (`missing_attachments`). The guardians get an acknowledgement email.",
        tags,
        access: 'parent',
      },
      async ({ body }, c) => createRequest(deps, householdScope(c), body),
    ),
    route(
      requests.replyToRequest,
      {
        summary: 'Reply in a request thread',
        description:
          'Documents can come with the reply. Replying to a request waiting for information (`needs_info`) gives it back to the agents.',
        tags,
        access: 'parent',
      },
      async ({ params, body }, c) => replyToRequest(deps, householdScope(c), params.id, body),
    ),
  ];
}
