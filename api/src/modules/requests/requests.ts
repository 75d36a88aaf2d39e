import type { EndpointInput, ErrorCode, requests } from '@foyer/sdk/contract';
import type { Executor } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { ApiError, type FieldError, notFound } from '../../lib/api-error.js';
import { findOpenCategory, formOf } from './request-categories.js';
import { notifyHousehold } from './request-emails.js';
import { checkAnswers, missingAttachmentTypes } from './request-form.js';
import { nextStatus } from './request-status.js';
import { householdView, requestDetail } from './request-views.js';

type Scope = { collectivityId: string; householdId: string; accountId: string };

function refuse(errors: FieldError[], code: ErrorCode = 'validation_failed', status: 400 | 409 = 400): never {
  const first = errors[0];
  throw new ApiError(status, code, first ? `${first.path}: ${first.message}` : 'Invalid request.', { errors });
}

/**
 * Locks the household's documents `ids` and links them to `requestId`. Each must be the
 * household's (anything else is "not one of your documents", whoever it belongs to) and not
 * already sent with a request. Returns their attachment types.
 */
async function linkAttachments(trx: Executor, scope: Scope, requestId: string, ids: string[], field: string) {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('attachments')
    .select(['id', 'request_id', 'attachment_type'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .where('id', 'in', ids)
    .forUpdate()
    .execute();
  const missing = ids.flatMap((id, i) =>
    rows.some((r) => r.id === id) ? [] : [{ path: `${field}.${i}`, message: 'is not one of your documents' }],
  );
  if (missing.length) refuse(missing, 'invalid_attachment');
  const used = ids.flatMap((id, i) =>
    rows.some((r) => r.id === id && r.request_id !== null)
      ? [{ path: `${field}.${i}`, message: 'was already sent with another request: upload it again' }]
      : [],
  );
  if (used.length) refuse(used, 'attachment_already_used', 409);
  await trx
    .updateTable('attachments')
    .set({ request_id: requestId })
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => r.attachment_type);
}

/**
 * Sends a request: its answers checked against the category's form, its child one of the
 * household's, its documents the household's own, unused, and covering the required types.
 * The request, the links to its documents and the acknowledgement email commit together.
 */
export async function createRequest(
  deps: AppDeps,
  scope: Scope,
  body: EndpointInput<typeof requests.createRequest>['body'],
): Promise<requests.RequestDetail> {
  const { db } = deps;
  const category = await findOpenCategory(db, scope.collectivityId, body.categoryId);
  if (!category) refuse([{ path: 'body.categoryId', message: 'is not a request category of this collectivity' }]);
  const form = formOf(category);
  const children = await db
    .selectFrom('children')
    .select(['id', 'first_name'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .execute();
  const checked = checkAnswers(form.fields, body.answers, new Set(children.map((c) => c.id)));
  const errors = [...checked.errors];
  if (body.childId && !children.some((c) => c.id === body.childId)) {
    errors.push({ path: 'body.childId', message: 'is not one of your children' });
  } else if (body.childId && checked.childId && body.childId !== checked.childId) {
    errors.push({ path: 'body.childId', message: 'names another child than the answers' });
  }
  if (errors.length) refuse(errors);
  const childId = body.childId ?? checked.childId;
  const now = deps.clock.now();

  const id = await db.transaction().execute(async (trx) => {
    const request = await trx
      .insertInto('requests')
      .values({
        collectivity_id: scope.collectivityId,
        household_id: scope.householdId,
        category_id: category.id,
        child_id: childId,
        author_account_id: scope.accountId,
        status: 'submitted',
        answers: JSON.stringify(checked.answers),
        body: body.body || null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const types = await linkAttachments(trx, scope, request.id, body.attachmentIds, 'body.attachmentIds');
    const missing = missingAttachmentTypes(form.attachmentTypes, types);
    if (missing.length) {
      refuse(
        missing.map((t) => ({ path: 'body.attachmentIds', message: `needs a document of type "${t.key}" (${t.label})` })),
        'missing_attachments',
      );
    }
    if (await mayAnnounceRequest(trx, deps, scope, request.id, now)) {
      await notifyHousehold(trx, {
        collectivityId: scope.collectivityId,
        householdId: scope.householdId,
        requestId: request.id,
        eventKey: 'received',
        categoryTitle: category.title,
        childFirstName: children.find((c) => c.id === childId)?.first_name ?? null,
        notice: 'received',
        status: 'submitted',
        now,
      });
    }
    return request.id;
  });
  return householdView(await requestDetail(db, scope, id));
}

/**
 * Whether a new request may be announced by email: a household gets at most
 * `throttle.requestEmailsPerHouseholdPerDay` "received" emails in a rolling 24 h, counted on the
 * requests it sent (stamped by the Clock), so no account can turn requests into a mail flood.
 */
async function mayAnnounceRequest(trx: Executor, deps: AppDeps, scope: Scope, requestId: string, now: Date): Promise<boolean> {
  const { sent } = await trx
    .selectFrom('requests')
    .select((eb) => eb.fn.countAll<string>().as('sent'))
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .where('id', '!=', requestId)
    .where('created_at', '>', new Date(now.getTime() - 86_400_000))
    .executeTakeFirstOrThrow();
  const allowed = Number(sent) < deps.config.throttle.requestEmailsPerHouseholdPerDay;
  if (!allowed) deps.logger.warn({ householdId: scope.householdId }, 'request emails capped for this household');
  return allowed;
}

/**
 * A parent's reply in the thread, with documents if asked for. Answering a request waiting for
 * information gives it back to the agents (`in_progress` when one has it, else `submitted`).
 */
export async function replyToRequest(
  deps: AppDeps,
  scope: Scope,
  requestId: string,
  body: EndpointInput<typeof requests.replyToRequest>['body'],
): Promise<requests.RequestDetail> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('requests')
      .select(['id', 'status', 'assigned_to'])
      .where('collectivity_id', '=', scope.collectivityId)
      .where('household_id', '=', scope.householdId)
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('request'));
    const status = nextStatus(request.status, 'parent_message', { assigned: request.assigned_to !== null }) ?? request.status;
    await linkAttachments(trx, scope, request.id, body.attachmentIds, 'body.attachmentIds');
    await trx
      .insertInto('request_messages')
      .values({
        collectivity_id: scope.collectivityId,
        request_id: request.id,
        author_account_id: scope.accountId,
        author_kind: 'parent',
        body: body.body,
        created_at: now,
      })
      .execute();
    await trx
      .updateTable('requests')
      .set({ status, updated_at: now })
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', request.id)
      .execute();
  });
  return householdView(await requestDetail(deps.db, scope, requestId));
}
