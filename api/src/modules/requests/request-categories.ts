import { type adminRequests, type EndpointInput, requests } from '@foyer/sdk/contract';
import type { Selectable } from 'kysely';
import * as v from 'valibot';
import type { Executor } from '../../db/database.js';
import type { RequestCategoriesTable } from '../../db/schema.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { type CategoryForm, categoryProblems } from './request-form.js';

type CategoryRow = Selectable<RequestCategoriesTable>;
type AdminCategory = v.InferOutput<typeof adminRequests.AdminRequestCategory>;

const StoredFields = v.array(requests.RequestField);

/** A category's form as stored (written only through {@link createCategory}, {@link updateCategory} and the seed). */
export function formOf(row: Pick<CategoryRow, 'fields' | 'attachment_types' | 'effect'>): CategoryForm {
  return { fields: v.parse(StoredFields, row.fields), attachmentTypes: row.attachment_types, effect: row.effect };
}

function toCategory(row: CategoryRow): requests.RequestCategory {
  const form = formOf(row);
  return {
    id: row.id,
    title: row.title,
    helpText: row.help_text,
    template: row.template,
    fields: form.fields,
    attachmentTypes: form.attachmentTypes,
    effect: form.effect,
  };
}

function toAdminCategory(row: CategoryRow): AdminCategory {
  return { ...toCategory(row), position: row.position, archived: row.archived_at !== null };
}

function categories(db: Executor, collectivityId: string) {
  return db
    .selectFrom('request_categories')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .orderBy('position')
    .orderBy('title');
}

/** The categories parents can write in: not archived, in the agents' order. */
export async function listCategories(db: Executor, collectivityId: string): Promise<requests.RequestCategory[]> {
  const rows = await categories(db, collectivityId).where('archived_at', 'is', null).execute();
  return rows.map(toCategory);
}

/** Every category, archived ones included, for the agents who configure them. */
export async function listAdminCategories(db: Executor, collectivityId: string): Promise<AdminCategory[]> {
  return (await categories(db, collectivityId).execute()).map(toAdminCategory);
}

/** A category of the collectivity that parents can still use, if `categoryId` is one. */
export async function findOpenCategory(
  db: Executor,
  collectivityId: string,
  categoryId: string,
): Promise<CategoryRow | undefined> {
  return categories(db, collectivityId).where('id', '=', categoryId).where('archived_at', 'is', null).executeTakeFirst();
}

function refuseProblems(form: CategoryForm): void {
  const errors = categoryProblems(form);
  const first = errors[0];
  if (first) throw new ApiError(400, 'validation_failed', `${first.path}: ${first.message}`, { errors });
}

async function audit(
  db: Executor,
  input: { collectivityId: string; agentAccountId: string; now: Date; action: string; id: string },
) {
  await db
    .insertInto('audit_log')
    .values({
      collectivity_id: input.collectivityId,
      actor_account_id: input.agentAccountId,
      at: input.now,
      action: input.action,
      object_type: 'request_category',
      object_id: input.id,
      details: '{}',
    })
    .execute();
}

type Actor = { collectivityId: string; agentAccountId: string; now: Date };

export async function createCategory(
  db: Executor,
  actor: Actor,
  body: EndpointInput<typeof adminRequests.createCategory>['body'],
): Promise<AdminCategory> {
  refuseProblems(body);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('request_categories')
      .values({
        collectivity_id: actor.collectivityId,
        title: body.title,
        help_text: body.helpText || null,
        template: body.template || null,
        fields: JSON.stringify(body.fields),
        attachment_types: JSON.stringify(body.attachmentTypes),
        effect: body.effect,
        position: body.position,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { ...actor, action: 'request_category.created', id: row.id });
    return toAdminCategory(row);
  });
}

/**
 * Changes a category. Requests already sent keep their answers; the new form applies to the
 * next ones.
 */
export async function updateCategory(
  db: Executor,
  actor: Actor,
  categoryId: string,
  body: EndpointInput<typeof adminRequests.updateCategory>['body'],
): Promise<AdminCategory> {
  return db.transaction().execute(async (trx) => {
    const current = await categories(trx, actor.collectivityId)
      .where('id', '=', categoryId)
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('request category'));
    const form = formOf(current);
    refuseProblems({
      fields: body.fields ?? form.fields,
      attachmentTypes: body.attachmentTypes ?? form.attachmentTypes,
      effect: body.effect === undefined ? form.effect : body.effect,
    });
    const changes = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.helpText !== undefined ? { help_text: body.helpText || null } : {}),
      ...(body.template !== undefined ? { template: body.template || null } : {}),
      ...(body.fields !== undefined ? { fields: JSON.stringify(body.fields) } : {}),
      ...(body.attachmentTypes !== undefined ? { attachment_types: JSON.stringify(body.attachmentTypes) } : {}),
      ...(body.effect !== undefined ? { effect: body.effect } : {}),
      ...(body.position !== undefined ? { position: body.position } : {}),
      ...(body.archived !== undefined ? { archived_at: body.archived ? (current.archived_at ?? actor.now) : null } : {}),
    };
    if (Object.keys(changes).length === 0) return toAdminCategory(current);
    const row = await trx
      .updateTable('request_categories')
      .set(changes)
      .where('collectivity_id', '=', actor.collectivityId)
      .where('id', '=', categoryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { ...actor, action: 'request_category.updated', id: row.id });
    return toAdminCategory(row);
  });
}
