import type { EndpointInput, household, profile } from '@foyer/sdk/contract';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { GuardiansTable } from '../../db/schema.js';
import { ApiError, notFound } from '../../lib/api-error.js';

type Scope = { collectivityId: string; householdId: string };

/** Guardians of one household: enough for any family, not a contact list. */
export const MAX_GUARDIANS_PER_HOUSEHOLD = 8;

function toGuardian(g: Selectable<GuardiansTable>): household.Guardian {
  return {
    id: g.id,
    firstName: g.first_name,
    lastName: g.last_name,
    email: g.email,
    phoneMobile: g.phone_mobile,
    phoneHome: g.phone_home,
    phoneWork: g.phone_work,
    relationship: g.relationship,
    hasAccount: g.account_id !== null,
  };
}

function guardians(db: Executor, scope: Scope) {
  return db
    .selectFrom('guardians')
    .selectAll()
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId);
}

export async function listGuardians(db: Executor, scope: Scope): Promise<household.Guardian[]> {
  return (await guardians(db, scope).orderBy('created_at').orderBy('id').execute()).map(toGuardian);
}

/** The household's profile with its guardians. */
export async function householdProfile(db: Executor, scope: Scope): Promise<household.Household> {
  const row = await db
    .selectFrom('households')
    .select(['id', 'name', 'department', 'address', 'phone'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', scope.householdId)
    .executeTakeFirstOrThrow(() => notFound('household'));
  return { ...row, guardians: await listGuardians(db, scope) };
}

/** Changes the name, département or phone; the address changes only through an accepted request. */
export async function updateHousehold(
  db: Executor,
  scope: Scope,
  body: EndpointInput<typeof profile.updateHousehold>['body'],
  now: Date,
): Promise<household.Household> {
  const changes = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.department !== undefined ? { department: body.department } : {}),
    ...(body.phone !== undefined ? { phone: body.phone } : {}),
  };
  if (Object.keys(changes).length > 0) {
    await db
      .updateTable('households')
      .set({ ...changes, updated_at: now })
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', scope.householdId)
      .execute();
  }
  return householdProfile(db, scope);
}

type GuardianBody = EndpointInput<typeof profile.createGuardian>['body'];
type GuardianUpdate = EndpointInput<typeof profile.updateGuardian>['body'];

function columnsOf(body: GuardianUpdate) {
  return {
    ...(body.firstName !== undefined ? { first_name: body.firstName } : {}),
    ...(body.lastName !== undefined ? { last_name: body.lastName } : {}),
    ...(body.email !== undefined ? { email: body.email?.toLowerCase() ?? null } : {}),
    ...(body.phoneMobile !== undefined ? { phone_mobile: body.phoneMobile } : {}),
    ...(body.phoneHome !== undefined ? { phone_home: body.phoneHome } : {}),
    ...(body.phoneWork !== undefined ? { phone_work: body.phoneWork } : {}),
    ...(body.relationship !== undefined ? { relationship: body.relationship } : {}),
  };
}

/** Adds a guardian (a contact of the household; signing in takes an invitation from the collectivity). */
export async function createGuardian(db: Executor, scope: Scope, body: GuardianBody, now: Date): Promise<household.Guardian> {
  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('households')
      .select('id')
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', scope.householdId)
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('household'));
    const { count } = await guardians(trx, scope)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_GUARDIANS_PER_HOUSEHOLD) {
      throw new ApiError(409, 'too_many_guardians', `A household has at most ${MAX_GUARDIANS_PER_HOUSEHOLD} guardians.`);
    }
    const row = await trx
      .insertInto('guardians')
      .values({
        collectivity_id: scope.collectivityId,
        household_id: scope.householdId,
        first_name: body.firstName,
        last_name: body.lastName,
        ...columnsOf(body),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toGuardian(row);
  });
}

/**
 * Edits a guardian of the household. The email of a guardian who signs in is their login: it
 * changes only through the account's confirmed email change.
 */
export async function updateGuardian(
  db: Executor,
  scope: Scope,
  guardianId: string,
  body: GuardianUpdate,
  now: Date,
): Promise<household.Guardian> {
  const current = await guardians(db, scope)
    .where('id', '=', guardianId)
    .executeTakeFirstOrThrow(() => notFound('guardian'));
  const changes = columnsOf(body);
  if (current.account_id !== null && changes.email !== undefined && changes.email !== current.email) {
    throw new ApiError(409, 'email_is_login', 'This guardian signs in with this email: change it from the account settings.', {
      errors: [{ path: 'body.email', message: 'is the login of this guardian' }],
    });
  }
  if (Object.keys(changes).length === 0) return toGuardian(current);
  const row = await db
    .updateTable('guardians')
    .set({ ...changes, updated_at: now })
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .where('id', '=', guardianId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toGuardian(row);
}
