import type { adminRequests, EndpointOutput, requests } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { notFound } from '../../lib/api-error.js';
import { ATTACHMENT_COLUMNS, toAttachment } from '../attachments/attachments.js';
import { type Keyset, keysetAfter, nextCursor } from './cursor.js';
import type { RequestStatus } from './request-status.js';

/** Whose requests: a household's (parents) or the whole collectivity's (agents). */
export interface RequestScope {
  collectivityId: string;
  householdId?: string;
}

/** The parent messages of request `r`, counted. */
const parentMessages = sql<number>`(select count(*)::int from request_messages pm
  where pm.collectivity_id = r.collectivity_id and pm.request_id = r.id and pm.author_kind = 'parent')`;

/**
 * Whether request `r` holds something from the family that the agent whose read mark is `rr`
 * has not read (see `AdminRequestSummary.unread`). A decided request counts only when the family
 * wrote after the decision, so that a new agent does not inherit the whole history as unread.
 */
const unreadByReader = sql<boolean>`(
  (r.status not in ('accepted', 'rejected') or exists (select 1 from request_messages pd
    where pd.collectivity_id = r.collectivity_id and pd.request_id = r.id and pd.author_kind = 'parent'
      and pd.created_at > r.decided_at))
  and (rr.parent_messages_read is null or ${parentMessages} > rr.parent_messages_read))`;

/** The request's creation instant to the microsecond, as the keyset cursor carries it. */
const createdKey = sql<string>`to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function requestsQuery(db: Executor, scope: RequestScope) {
  let query = db
    .selectFrom('requests as r')
    .innerJoin('request_categories as cat', (j) =>
      j.onRef('cat.collectivity_id', '=', 'r.collectivity_id').onRef('cat.id', '=', 'r.category_id'),
    )
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'r.collectivity_id').onRef('h.id', '=', 'r.household_id'),
    )
    .leftJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'r.collectivity_id').onRef('ch.id', '=', 'r.child_id'))
    .leftJoin('accounts as assignee', 'assignee.id', 'r.assigned_to')
    .select([
      'r.id',
      'r.status',
      'r.household_id',
      'r.child_id',
      'r.answers',
      'r.body',
      'r.assigned_to',
      'r.decision_reason',
      'r.decided_at',
      'r.created_at',
      'r.updated_at',
      'cat.id as category_id',
      'cat.title as category_title',
      'cat.effect',
      'ch.first_name as child_first_name',
      'ch.last_name as child_last_name',
      'h.name as household_name',
      'assignee.display_name as assignee_name',
      createdKey.as('created_key'),
    ])
    .where('r.collectivity_id', '=', scope.collectivityId);
  if (scope.householdId) query = query.where('r.household_id', '=', scope.householdId);
  return query;
}

/** A request row with its category, child, household and assignee. */
export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string) => new Date(d).toISOString();

function summaryOf(row: RequestRow): requests.RequestSummary {
  return {
    id: row.id,
    category: { id: row.category_id, title: row.category_title, effect: row.effect },
    child:
      row.child_id && row.child_first_name !== null && row.child_last_name !== null
        ? { id: row.child_id, firstName: row.child_first_name, lastName: row.child_last_name }
        : null,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
  };
}

function agentEntriesOf(row: RequestRow) {
  return {
    household: { id: row.household_id, name: row.household_name },
    assignedTo: row.assigned_to ? { id: row.assigned_to, name: row.assignee_name ?? '' } : null,
  };
}

/** The filters of a page of requests, resolved to instants and statuses. */
export interface RequestFilters {
  statuses?: RequestStatus[];
  categoryId?: string;
  /** An agent's account id, or `none`: nobody has taken it. */
  assignedTo?: string;
  createdFrom?: Date;
  createdBefore?: Date;
  order: 'newest' | 'oldest';
  cursor?: Keyset;
  limit: number;
}

async function pageOf(db: Executor, scope: RequestScope, filters: RequestFilters) {
  let query = requestsQuery(db, scope);
  if (filters.statuses?.length) query = query.where('r.status', 'in', filters.statuses);
  if (filters.categoryId) query = query.where('r.category_id', '=', filters.categoryId);
  if (filters.assignedTo === 'none') query = query.where('r.assigned_to', 'is', null);
  else if (filters.assignedTo) query = query.where('r.assigned_to', '=', filters.assignedTo);
  if (filters.createdFrom) query = query.where('r.created_at', '>=', filters.createdFrom);
  if (filters.createdBefore) query = query.where('r.created_at', '<', filters.createdBefore);
  if (filters.cursor) query = query.where(keysetAfter(filters.cursor, filters.order));
  const direction = filters.order === 'newest' ? 'desc' : 'asc';
  const rows = await query
    .orderBy('r.created_at', direction)
    .orderBy('r.id', direction)
    .limit(filters.limit + 1)
    .execute();
  return nextCursor(rows, filters.limit, (row) => ({ createdAt: row.created_key, id: row.id }));
}

/** A page of a household's requests. */
export async function householdRequestPage(
  db: Executor,
  scope: Required<RequestScope>,
  filters: RequestFilters,
): Promise<EndpointOutput<typeof requests.listRequests>> {
  const page = await pageOf(db, scope, filters);
  return { items: page.items.map(summaryOf), nextCursor: page.nextCursor };
}

/** The requests of the collectivity with the reading agent's mark on each (`rr`). */
function readerRequests(db: Executor, collectivityId: string, readerAccountId: string) {
  return db
    .selectFrom('requests as r')
    .leftJoin('request_reads as rr', (j) =>
      j
        .onRef('rr.collectivity_id', '=', 'r.collectivity_id')
        .onRef('rr.request_id', '=', 'r.id')
        .on('rr.account_id', '=', readerAccountId),
    )
    .where('r.collectivity_id', '=', collectivityId);
}

/** A page of the agents' inbox, with what the reading agent has not read yet. */
export async function inboxPage(
  db: Executor,
  scope: { collectivityId: string; readerAccountId: string },
  filters: RequestFilters,
): Promise<EndpointOutput<typeof adminRequests.listInbox>> {
  const page = await pageOf(db, scope, filters);
  const ids = page.items.map((row) => row.id);
  // One after the other: `db` may be a transaction, which runs one query at a time.
  const marks = ids.length
    ? await readerRequests(db, scope.collectivityId, scope.readerAccountId)
        .select([
          'r.id',
          unreadByReader.as('unread'),
          sql<Date | null>`(select max(m.created_at) from request_messages m
            where m.collectivity_id = r.collectivity_id and m.request_id = r.id)`.as('last_message_at'),
        ])
        .where('r.id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(marks.map((mark) => [mark.id, mark]));
  const unread = await readerRequests(db, scope.collectivityId, scope.readerAccountId)
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where(unreadByReader)
    .executeTakeFirstOrThrow();
  return {
    items: page.items.map((row) => {
      const mark = byId.get(row.id);
      return {
        ...summaryOf(row),
        ...agentEntriesOf(row),
        lastMessageAt: mark?.last_message_at ? iso(mark.last_message_at) : null,
        unread: mark?.unread ?? false,
      };
    }),
    nextCursor: page.nextCursor,
    unreadCount: Number(unread.count),
  };
}

/**
 * Records that the agent read the request as `detail` shows it: its parent messages, counted.
 * A later parent message makes it unread again.
 */
export async function markRead(
  db: Executor,
  mark: { collectivityId: string; requestId: string; accountId: string; at: Date; parentMessages: number },
): Promise<void> {
  await db
    .insertInto('request_reads')
    .values({
      collectivity_id: mark.collectivityId,
      request_id: mark.requestId,
      account_id: mark.accountId,
      read_at: mark.at,
      parent_messages_read: mark.parentMessages,
    })
    .onConflict((oc) =>
      oc.columns(['collectivity_id', 'request_id', 'account_id']).doUpdateSet((eb) => ({
        read_at: eb.ref('excluded.read_at'),
        parent_messages_read: eb.ref('excluded.parent_messages_read'),
      })),
    )
    .execute();
}

/** The request row, scoped; 404 when it is not in scope (another household's, another town's). */
export async function findRequest(db: Executor, scope: RequestScope, requestId: string): Promise<RequestRow> {
  return requestsQuery(db, scope)
    .where('r.id', '=', requestId)
    .executeTakeFirstOrThrow(() => notFound('request'));
}

/** A request with its answers, documents and thread, with what agents also see. */
export async function requestDetail(
  db: Executor,
  scope: RequestScope,
  requestId: string,
): Promise<adminRequests.AdminRequestDetail> {
  const row = await findRequest(db, scope, requestId);
  // One after the other: `db` may be a transaction, which runs one query at a time.
  const attachmentRows = await db
    .selectFrom('attachments')
    .select(ATTACHMENT_COLUMNS)
    .where('collectivity_id', '=', scope.collectivityId)
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const messages = await db
    .selectFrom('request_messages as m')
    .leftJoin('accounts as a', 'a.id', 'm.author_account_id')
    .select(['m.id', 'm.author_kind', 'm.body', 'm.created_at', 'a.display_name'])
    .where('m.collectivity_id', '=', scope.collectivityId)
    .where('m.request_id', '=', requestId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return {
    ...summaryOf(row),
    answers: Object.fromEntries(Object.entries(row.answers).map(([key, value]) => [key, String(value)])),
    body: row.body,
    decisionReason: row.decision_reason,
    attachments: attachmentRows.map(toAttachment),
    messages: messages.map((m) => ({
      id: m.id,
      authorKind: m.author_kind,
      authorName: m.display_name,
      body: m.body,
      createdAt: iso(m.created_at),
    })),
    ...agentEntriesOf(row),
  };
}

/** What the household sees of its request: everything but the agents' assignment. */
export function householdView(detail: adminRequests.AdminRequestDetail): requests.RequestDetail {
  const { household: _household, assignedTo: _assignedTo, ...view } = detail;
  return view;
}
