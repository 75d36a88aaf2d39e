import type { adminRequests, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { addDays, instantAt, LAST_LOCAL_DATE, requestShowsProtectedData } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { handlesRequests } from './assignees.js';
import { decodeCursor } from './cursor.js';
import { applyAcceptedChange } from './request-effects.js';
import { notifyHousehold, type RequestNotice } from './request-emails.js';
import { nextStatus, type RequestEvent, type RequestStatus } from './request-status.js';
import { findRequest, inboxPage, markRead, type RequestRow, requestDetail } from './request-views.js';

type Detail = adminRequests.AdminRequestDetail;

/** The agent acting and where. */
export interface AgentActor {
  collectivity: CollectivityContext;
  agentAccountId: string;
}

const DEFAULT_PAGE = 25;

/** The agents' inbox, newest first unless asked, filtered by status, category, assignee and sending day. */
export async function listInbox(
  db: Executor,
  actor: AgentActor,
  query: EndpointInput<typeof adminRequests.listInbox>['query'],
): Promise<EndpointOutput<typeof adminRequests.listInbox>> {
  const collectivity = actor.collectivity;
  if (query.from && query.to && query.from > query.to) {
    throw new ApiError(400, 'validation_failed', 'query.to: must not be before from', {
      errors: [{ path: 'query.to', message: 'must not be before from' }],
    });
  }
  return inboxPage(
    db,
    { collectivityId: collectivity.id, readerAccountId: actor.agentAccountId },
    {
      statuses: query.status,
      categoryId: query.category,
      assignedTo: query.assignedTo,
      createdFrom: query.from ? instantAt(query.from, '00:00', collectivity.timeZone) : undefined,
      // Up to the end of `to` (no bound after the last date there is: its next day cannot be written).
      createdBefore:
        query.to && query.to < LAST_LOCAL_DATE ? instantAt(addDays(query.to, 1), '00:00', collectivity.timeZone) : undefined,
      order: query.order ?? 'newest',
      cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit ?? DEFAULT_PAGE,
    },
  );
}

/**
 * A request as agents see it, now read by the agent (its unread mark goes). Reading an allergy /
 * care-plan or pick-up request shows a child's protected data, so the read is written to the
 * audit log.
 */
export async function readRequest(deps: AppDeps, actor: AgentActor, requestId: string): Promise<Detail> {
  const detail = await requestDetail(deps.db, { collectivityId: actor.collectivity.id }, requestId);
  const now = deps.clock.now();
  await markRead(deps.db, {
    collectivityId: actor.collectivity.id,
    requestId,
    accountId: actor.agentAccountId,
    at: now,
    parentMessages: detail.messages.filter((m) => m.authorKind === 'parent').length,
  });
  if (requestShowsProtectedData(detail.category.effect)) {
    await audit(deps.db, actor, now, 'health.read', requestId, {
      childId: detail.child?.id ?? null,
      effect: detail.category.effect,
    });
  }
  return detail;
}

async function audit(db: Executor, actor: AgentActor, now: Date, action: string, requestId: string, details: object) {
  await db
    .insertInto('audit_log')
    .values({
      collectivity_id: actor.collectivity.id,
      actor_account_id: actor.agentAccountId,
      at: now,
      action,
      object_type: 'request',
      object_id: requestId,
      details: JSON.stringify(details),
    })
    .execute();
}

interface Step {
  /** The thread message this step posts, if any. */
  message?: string;
  /** Columns changed beside the status, from the locked request. */
  set?: (request: RequestRow) => { assigned_to?: string; decision_reason?: string | null; decided_at?: Date };
  /** Work in the same transaction before the request is updated (applying an accepted change). */
  before?: (trx: Executor, request: RequestRow) => Promise<void>;
  details?: (request: RequestRow) => Record<string, unknown>;
}

/**
 * Runs one agent action on a request in a transaction: locks it, checks the transition, posts
 * the message, updates it, writes the audit row and queues the family's email. A transition the
 * status does not allow answers 409. The agent acting on an unassigned request takes it.
 */
async function act(deps: AppDeps, actor: AgentActor, requestId: string, event: RequestEvent, action: string, step: Step) {
  const cid = actor.collectivity.id;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('requests')
      .select(['id'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('request'));
    const request = await findRequest(trx, { collectivityId: cid }, locked.id);
    const from: RequestStatus = request.status;
    const to = nextStatus(from, event, { assigned: request.assigned_to !== null });
    // Only a decided request refuses an agent's action.
    if (to === null) throw new ApiError(409, 'request_decided', `This request was already ${from}.`, { extra: { status: from } });
    await step.before?.(trx, request);
    let messageId: string | undefined;
    if (step.message) {
      const message = await trx
        .insertInto('request_messages')
        .values({
          collectivity_id: cid,
          request_id: requestId,
          author_account_id: actor.agentAccountId,
          author_kind: 'agent',
          body: step.message,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      messageId = message.id;
    }
    await trx
      .updateTable('requests')
      .set({ status: to, updated_at: now, assigned_to: request.assigned_to ?? actor.agentAccountId, ...step.set?.(request) })
      .where('collectivity_id', '=', cid)
      .where('id', '=', requestId)
      .execute();
    await audit(trx, actor, now, action, requestId, { from, to, ...step.details?.(request) });
    const notice: RequestNotice | null = messageId && event === 'agent_message' ? 'message' : from !== to ? 'status' : null;
    if (notice) {
      await notifyHousehold(trx, {
        collectivityId: cid,
        householdId: request.household_id,
        requestId,
        eventKey: messageId ?? `${to}:${now.toISOString()}`,
        categoryTitle: request.category_title,
        childFirstName: request.child_first_name,
        notice,
        status: to,
        now,
      });
    }
  });
  return requestDetail(deps.db, { collectivityId: cid }, requestId);
}

/** Assigns the request to an agent of the collectivity who processes requests (the caller by default). */
export async function assignRequest(
  deps: AppDeps,
  actor: AgentActor,
  requestId: string,
  agentAccountId?: string,
): Promise<Detail> {
  const assignee = agentAccountId ?? actor.agentAccountId;
  if (!(await handlesRequests(deps.db, actor.collectivity.id, assignee))) {
    throw new ApiError(
      400,
      'validation_failed',
      'body.agentAccountId: is not an agent of this collectivity who processes requests',
      {
        errors: [{ path: 'body.agentAccountId', message: 'is not an agent of this collectivity who processes requests' }],
      },
    );
  }
  return act(deps, actor, requestId, 'assign', 'request.assigned', {
    set: () => ({ assigned_to: assignee }),
    details: () => ({ assignedTo: assignee }),
  });
}

/** An agent's answer in the thread; the family is emailed that there is a new message. */
export async function answerRequest(deps: AppDeps, actor: AgentActor, requestId: string, body: string): Promise<Detail> {
  return act(deps, actor, requestId, 'agent_message', 'request.answered', { message: body });
}

/** Asks the family for more (a clearer document, a missing detail): the request waits for their reply. */
export async function askForInformation(deps: AppDeps, actor: AgentActor, requestId: string, message: string): Promise<Detail> {
  return act(deps, actor, requestId, 'needs_info', 'request.needs_info', { message });
}

/**
 * Accepts or rejects. Accepting a category with an effect applies it to the family file in the
 * same transaction (address → household, allergy → child's health, pickup → authorised persons).
 */
export async function decideRequest(
  deps: AppDeps,
  actor: AgentActor,
  requestId: string,
  decision: EndpointInput<typeof adminRequests.decideRequest>['body'],
): Promise<Detail> {
  const now = deps.clock.now();
  const accept = decision.decision === 'accept';
  const reason = decision.reason || null;
  return act(deps, actor, requestId, accept ? 'accept' : 'reject', accept ? 'request.accepted' : 'request.rejected', {
    set: () => ({ decision_reason: reason, decided_at: now }),
    details: (request) => ({ reason, effect: accept ? request.effect : null }),
    before: async (trx, request) => {
      if (!accept || !request.effect) return;
      await applyAcceptedChange(trx, {
        collectivityId: actor.collectivity.id,
        requestId,
        householdId: request.household_id,
        childId: request.child_id,
        effect: request.effect,
        answers: request.answers,
        agentAccountId: actor.agentAccountId,
        now,
      });
    },
  });
}
