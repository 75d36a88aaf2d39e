import type { adminEnrolments, adminFamilies } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import { invalidField } from '../../lib/field-error.js';
import { enrolmentViews } from './household-file.js';
import type { FamilyScope } from './household-writes.js';

/** The enrolments of a child, a household or an activity. */
export async function listEnrolments(
  db: Db,
  collectivityId: string,
  query: InferOutput<typeof adminEnrolments.EnrolmentListQuery>,
): Promise<adminFamilies.AdminEnrolment[]> {
  let childIds: string[] | undefined = query.child ? [query.child] : undefined;
  if (query.household) {
    const children = await db
      .selectFrom('children')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('household_id', '=', query.household)
      .execute();
    const ofHousehold = children.map((c) => c.id);
    childIds = childIds ? childIds.filter((id) => ofHousehold.includes(id)) : ofHousehold;
  }
  return enrolmentViews(db, collectivityId, {
    ...(childIds ? { childIds } : {}),
    ...(query.activity ? { activityId: query.activity } : {}),
    includeEnded: query.includeEnded ?? false,
  });
}

async function enrolmentView(db: Db, collectivityId: string, id: string): Promise<adminFamilies.AdminEnrolment> {
  const [view] = await enrolmentViews(db, collectivityId, { ids: [id], includeEnded: true });
  if (!view) throw notFound('enrolment');
  return view;
}

function auditEnrolment(db: Db, scope: FamilyScope, action: string, id: string, now: Date, details: Record<string, unknown>) {
  return audit(db, {
    collectivityId: scope.collectivity.id,
    actorAccountId: scope.accountId,
    action,
    objectType: 'enrolment',
    objectId: id,
    details,
    at: now,
  });
}

/**
 * Enrols a child in an activity for a period: from then on the family books its days. The
 * school and class default to the child's.
 */
export async function createEnrolment(
  deps: AppDeps,
  scope: FamilyScope,
  body: adminEnrolments.EnrolmentInput,
): Promise<adminFamilies.AdminEnrolment> {
  if (body.from > body.to) throw invalidField('body.to', "la fin de l'inscription doit suivre son début");
  const cid = scope.collectivity.id;
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const child = await trx
      .selectFrom('children')
      .select(['id', 'school', 'school_class'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', body.childId)
      .executeTakeFirst();
    if (!child) throw invalidField('body.childId', "l'enfant est inconnu");
    const activity = await trx
      .selectFrom('activities')
      .select('id')
      .where('collectivity_id', '=', cid)
      .where('id', '=', body.activityId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!activity) throw invalidField('body.activityId', "l'activité est inconnue ou archivée");
    const created = await trx
      .insertInto('enrolments')
      .values({
        collectivity_id: cid,
        child_id: body.childId,
        activity_id: body.activityId,
        from_date: body.from,
        to_date: body.to,
        school: body.school === undefined ? child.school : body.school,
        school_class: body.schoolClass === undefined ? child.school_class : body.schoolClass,
      })
      .onConflict((oc) => oc.columns(['collectivity_id', 'child_id', 'activity_id', 'from_date']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!created) {
      throw new ApiError(409, 'conflict', 'Cet enfant est déjà inscrit à cette activité à partir de cette date.');
    }
    await auditEnrolment(trx, scope, 'enrolment.created', created.id, now, {
      childId: body.childId,
      activityId: body.activityId,
    });
    return created.id;
  });
  return enrolmentView(deps.db, cid, id);
}

export async function updateEnrolment(
  deps: AppDeps,
  scope: FamilyScope,
  id: string,
  body: InferOutput<typeof adminEnrolments.EnrolmentPatch>,
): Promise<adminFamilies.AdminEnrolment> {
  const cid = scope.collectivity.id;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('enrolments')
      .select(['from_date', 'to_date'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', id)
      .executeTakeFirstOrThrow(() => notFound('enrolment'));
    if ((body.from ?? current.from_date) > (body.to ?? current.to_date)) {
      throw invalidField('body.to', "la fin de l'inscription doit suivre son début");
    }
    await trx
      .updateTable('enrolments')
      .set({
        // Unchanged, but keeps the statement valid for an empty patch (`{}`), answered as a no-op.
        collectivity_id: cid,
        ...(body.from === undefined ? {} : { from_date: body.from }),
        ...(body.to === undefined ? {} : { to_date: body.to }),
        ...(body.school === undefined ? {} : { school: body.school }),
        ...(body.schoolClass === undefined ? {} : { school_class: body.schoolClass }),
      })
      .where('collectivity_id', '=', cid)
      .where('id', '=', id)
      .execute();
    await auditEnrolment(trx, scope, 'enrolment.updated', id, now, { fields: Object.keys(body) });
  });
  return enrolmentView(deps.db, cid, id);
}

/** Ends an enrolment: its days are no longer offered; bookings already made stay. */
export async function endEnrolment(deps: AppDeps, scope: FamilyScope, id: string): Promise<undefined> {
  const cid = scope.collectivity.id;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('enrolments')
      .set({ ended_at: now })
      .where('collectivity_id', '=', cid)
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .returning('id')
      .executeTakeFirstOrThrow(() => notFound('enrolment'));
    await auditEnrolment(trx, scope, 'enrolment.ended', id, now, {});
  });
  return undefined;
}
