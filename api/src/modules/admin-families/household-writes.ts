import type { adminFamilies } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { localDateOf, quotientOn } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { inviteGuardian } from '../auth/invitations.js';
import { guardianViews } from './guardian-views.js';
import { childViews } from './household-file.js';

/** Who changes a family's file, and where. */
export interface FamilyScope {
  collectivity: CollectivityContext;
  accountId: string;
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown }).code === '23505';
const externalIdTaken = () =>
  new ApiError(409, 'conflict', "body.externalId: cet identifiant externe est déjà celui d'un autre foyer", {
    errors: [{ path: 'body.externalId', message: "cet identifiant externe est déjà celui d'un autre foyer" }],
  });

/** Throws 404 unless the household is the collectivity's. */
export async function requireHousehold(db: Db, collectivityId: string, householdId: string): Promise<void> {
  await db
    .selectFrom('households')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow(() => notFound('household'));
}

async function audited(db: Db, scope: FamilyScope, action: string, householdId: string, now: Date, details = {}) {
  await audit(db, {
    collectivityId: scope.collectivity.id,
    actorAccountId: scope.accountId,
    action,
    objectType: 'household',
    objectId: householdId,
    details,
    at: now,
  });
}

export async function updateHousehold(
  deps: AppDeps,
  scope: FamilyScope,
  id: string,
  body: InferOutput<typeof adminFamilies.HouseholdPatch>,
): Promise<void> {
  const now = deps.clock.now();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('households')
        .set({
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.externalId === undefined ? {} : { external_id: body.externalId }),
          ...(body.department === undefined ? {} : { department: body.department }),
          ...(body.address === undefined ? {} : { address: body.address ? JSON.stringify(body.address) : null }),
          ...(body.phone === undefined ? {} : { phone: body.phone }),
          ...(body.resident === undefined ? {} : { resident: body.resident }),
          ...(body.archived === undefined ? {} : { archived_at: body.archived ? now : null }),
          updated_at: now,
        })
        .where('collectivity_id', '=', scope.collectivity.id)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirstOrThrow(() => notFound('household'));
      await audited(trx, scope, 'household.updated', id, now, { fields: Object.keys(body) });
    });
  } catch (e) {
    throw isUniqueViolation(e) ? externalIdTaken() : e;
  }
}

export async function createGuardian(
  deps: AppDeps,
  scope: FamilyScope,
  householdId: string,
  body: InferOutput<typeof adminFamilies.GuardianInput>,
): Promise<adminFamilies.AdminGuardian> {
  const now = deps.clock.now();
  if (body.invite && !body.email) {
    throw new ApiError(400, 'validation_failed', "body.email: l'adresse e-mail est obligatoire pour inviter", {
      errors: [{ path: 'body.email', message: "l'adresse e-mail est obligatoire pour inviter" }],
    });
  }
  const cid = scope.collectivity.id;
  const id = await deps.db.transaction().execute(async (trx) => {
    await requireHousehold(trx, cid, householdId);
    const guardian = await trx
      .insertInto('guardians')
      .values({
        collectivity_id: cid,
        household_id: householdId,
        first_name: body.firstName,
        last_name: body.lastName,
        email: body.email?.toLowerCase() ?? null,
        phone_mobile: body.phone ?? null,
        relationship: body.relationship ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (body.invite && body.email) {
      await inviteGuardian(deps, trx, {
        collectivityId: cid,
        householdId,
        guardianId: guardian.id,
        email: body.email,
        invitedBy: scope.accountId,
      });
    }
    await audited(trx, scope, 'guardian.created', householdId, now, { guardianId: guardian.id, invited: !!body.invite });
    return guardian.id;
  });
  const [view] = await guardianViews(deps.db, cid, householdId, now, id);
  if (!view) throw notFound('guardian');
  return view;
}

export async function updateGuardian(
  deps: AppDeps,
  scope: FamilyScope,
  householdId: string,
  guardianId: string,
  body: InferOutput<typeof adminFamilies.GuardianPatch>,
): Promise<adminFamilies.AdminGuardian> {
  const now = deps.clock.now();
  const cid = scope.collectivity.id;
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('guardians')
      .select(['account_id', 'email'])
      .where('collectivity_id', '=', cid)
      .where('household_id', '=', householdId)
      .where('id', '=', guardianId)
      .executeTakeFirstOrThrow(() => notFound('guardian'));
    const email = body.email === undefined ? undefined : (body.email?.toLowerCase() ?? null);
    if (current.account_id && email !== undefined && email !== current.email) {
      throw new ApiError(409, 'email_is_login', "L'e-mail de ce responsable est son identifiant : lui seul peut le changer.");
    }
    await trx
      .updateTable('guardians')
      .set({
        ...(body.firstName === undefined ? {} : { first_name: body.firstName }),
        ...(body.lastName === undefined ? {} : { last_name: body.lastName }),
        ...(email === undefined ? {} : { email }),
        ...(body.phone === undefined ? {} : { phone_mobile: body.phone }),
        ...(body.relationship === undefined ? {} : { relationship: body.relationship }),
        updated_at: now,
      })
      .where('collectivity_id', '=', cid)
      .where('id', '=', guardianId)
      .execute();
    await audited(trx, scope, 'guardian.updated', householdId, now, { guardianId });
  });
  const [view] = await guardianViews(deps.db, cid, householdId, now, guardianId);
  if (!view) throw notFound('guardian');
  return view;
}

/** Sends (again) a guardian's activation link; one who already signs in needs none. */
export async function resendInvitation(
  deps: AppDeps,
  scope: FamilyScope,
  householdId: string,
  guardianId: string,
): Promise<adminFamilies.AdminGuardian> {
  const now = deps.clock.now();
  const cid = scope.collectivity.id;
  await deps.db.transaction().execute(async (trx) => {
    const guardian = await trx
      .selectFrom('guardians')
      .select(['account_id', 'email'])
      .where('collectivity_id', '=', cid)
      .where('household_id', '=', householdId)
      .where('id', '=', guardianId)
      .executeTakeFirstOrThrow(() => notFound('guardian'));
    if (guardian.account_id) throw new ApiError(409, 'guardian_active', 'Ce responsable a déjà activé son compte.');
    if (!guardian.email) {
      throw new ApiError(409, 'guardian_without_email', "Ce responsable n'a pas d'adresse e-mail : ajoutez-la avant d'inviter.");
    }
    await inviteGuardian(deps, trx, {
      collectivityId: cid,
      householdId,
      guardianId,
      email: guardian.email,
      invitedBy: scope.accountId,
    });
    await audited(trx, scope, 'guardian.invited', householdId, now, { guardianId });
  });
  const [view] = await guardianViews(deps.db, cid, householdId, now, guardianId);
  if (!view) throw notFound('guardian');
  return view;
}

type ChildFields = InferOutput<typeof adminFamilies.ChildPatch>;

export async function saveChild(
  deps: AppDeps,
  scope: FamilyScope,
  householdId: string,
  childId: string | undefined,
  body: ChildFields,
): Promise<adminFamilies.AdminChild> {
  const now = deps.clock.now();
  const cid = scope.collectivity.id;
  const id = await deps.db.transaction().execute(async (trx) => {
    await requireHousehold(trx, cid, householdId);
    const fields = {
      ...(body.firstName === undefined ? {} : { first_name: body.firstName }),
      ...(body.lastName === undefined ? {} : { last_name: body.lastName }),
      ...(body.birthDate === undefined ? {} : { birth_date: body.birthDate }),
      ...(body.school === undefined ? {} : { school: body.school }),
      ...(body.schoolClass === undefined ? {} : { school_class: body.schoolClass }),
    };
    const saved = childId
      ? await trx
          .updateTable('children')
          .set({ ...fields, updated_at: now })
          .where('collectivity_id', '=', cid)
          .where('household_id', '=', householdId)
          .where('id', '=', childId)
          .returning('id')
          .executeTakeFirstOrThrow(() => notFound('child'))
      : await trx
          .insertInto('children')
          .values({
            first_name: body.firstName ?? '',
            last_name: body.lastName ?? '',
            birth_date: body.birthDate ?? '',
            ...fields,
            collectivity_id: cid,
            household_id: householdId,
            authorised_pickups: '[]',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
    await audited(trx, scope, childId ? 'child.updated' : 'child.created', householdId, now, { childId: saved.id });
    return saved.id;
  });
  const [view] = await childViews(deps.db, cid, householdId, id);
  if (!view) throw notFound('child');
  return view;
}

/**
 * Records a family quotient from a date. The household's quotient (what prices read) becomes
 * the one in force today by the collectivity's calendar.
 */
export async function setQuotient(
  deps: AppDeps,
  scope: FamilyScope,
  householdId: string,
  body: InferOutput<typeof adminFamilies.QuotientInput>,
): Promise<void> {
  const now = deps.clock.now();
  const cid = scope.collectivity.id;
  await deps.db.transaction().execute(async (trx) => {
    await requireHousehold(trx, cid, householdId);
    await recordQuotient(trx, { collectivityId: cid, householdId, ...body, now, by: scope.accountId });
    await refreshQuotient(trx, cid, householdId, localDateOf(now, scope.collectivity.timeZone));
    await audited(trx, scope, 'household.quotient_set', householdId, now, body);
  });
}

/** Records (or replaces) the quotient applying from a date. */
export async function recordQuotient(
  db: Db,
  input: { collectivityId: string; householdId: string; quotient: number; appliesFrom: string; now: Date; by: string | null },
): Promise<void> {
  await db
    .insertInto('family_quotients')
    .values({
      collectivity_id: input.collectivityId,
      household_id: input.householdId,
      applies_from: input.appliesFrom,
      quotient: input.quotient,
      recorded_at: input.now,
      recorded_by: input.by,
    })
    .onConflict((oc) =>
      oc.columns(['collectivity_id', 'household_id', 'applies_from']).doUpdateSet({
        quotient: input.quotient,
        recorded_at: input.now,
        recorded_by: input.by,
      }),
    )
    .execute();
}

/** Sets the household's quotient to the one in force on `today` (kept when none is yet). */
export async function refreshQuotient(db: Db, collectivityId: string, householdId: string, today: string): Promise<void> {
  const history = await db
    .selectFrom('family_quotients')
    .select(['quotient', 'applies_from as appliesFrom'])
    .where('collectivity_id', '=', collectivityId)
    .where('household_id', '=', householdId)
    .execute();
  const inForce = quotientOn(history, today);
  if (inForce === null) return;
  await db
    .updateTable('households')
    .set({ family_quotient: inForce })
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', householdId)
    .execute();
}

export async function addNote(
  deps: AppDeps,
  scope: FamilyScope,
  householdId: string,
  body: string,
): Promise<InferOutput<typeof adminFamilies.HouseholdNote>> {
  const now = deps.clock.now();
  const cid = scope.collectivity.id;
  return deps.db.transaction().execute(async (trx) => {
    await requireHousehold(trx, cid, householdId);
    const note = await trx
      .insertInto('household_notes')
      .values({ collectivity_id: cid, household_id: householdId, author_account_id: scope.accountId, body, created_at: now })
      .returning(['id', 'body'])
      .executeTakeFirstOrThrow();
    const author = await trx
      .selectFrom('accounts')
      .select(['display_name', 'email'])
      .where('id', '=', scope.accountId)
      .executeTakeFirst();
    return { id: note.id, body: note.body, author: author?.display_name || author?.email || null, createdAt: now.toISOString() };
  });
}
