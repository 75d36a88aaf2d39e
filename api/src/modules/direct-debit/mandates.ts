import type { adminDirectDebit } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { formatIban, localDateOf, maskIban } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import { requireHousehold } from '../admin-families/household-writes.js';

type Mandate = InferOutput<typeof adminDirectDebit.Mandate>;

/** Who acts on a household's mandate, and where. */
export interface MandateScope {
  collectivityId: string;
  timeZone: string;
  accountId: string;
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown }).code === '23505';

const referenceTaken = () =>
  new ApiError(
    409,
    'conflict',
    {
      fr: 'body.reference : cette référence unique de mandat (RUM) est déjà celle d’un autre mandat de la collectivité',
      en: 'body.reference: this mandate reference is already used by another mandate of the collectivity',
    },
    { errors: [{ path: 'body.reference', message: 'cette référence unique de mandat (RUM) est déjà utilisée' }] },
  );

const mandateInForce = () =>
  new ApiError(409, 'conflict', {
    fr: 'Ce foyer a déjà un mandat en vigueur : révoquez-le avant d’en enregistrer un nouveau.',
    en: 'This household already has a mandate in force: revoke it before recording a new one.',
  });

function mandatesOf(db: Db, collectivityId: string, householdId: string) {
  return db
    .selectFrom('sepa_mandates as m')
    .select([
      'm.id',
      'm.reference',
      'm.account_holder',
      'm.iban',
      'm.bic',
      'm.signed_on',
      'm.created_at',
      'm.revoked_at',
      (eb) =>
        eb
          .selectFrom('direct_debits as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.collectivity_id', '=', 'm.collectivity_id')
          .whereRef('d.mandate_id', '=', 'm.id')
          .as('collections'),
    ])
    .where('m.collectivity_id', '=', collectivityId)
    .where('m.household_id', '=', householdId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id');
}

type MandateRow = Awaited<ReturnType<ReturnType<typeof mandatesOf>['execute']>>[number];

function mandateView(row: MandateRow, reveal: boolean): Mandate {
  return {
    id: row.id,
    reference: row.reference,
    accountHolder: row.account_holder,
    iban: reveal ? formatIban(row.iban) : maskIban(row.iban),
    ibanRevealed: reveal,
    bic: row.bic,
    signedOn: row.signed_on,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    collections: Number(row.collections ?? 0),
  };
}

/**
 * A household's mandates: the one in force and the revoked ones. IBANs are masked unless
 * `reveal`, and a revealed read is written to the audit log like any read of personal data
 * an agent asks for.
 */
export async function householdMandates(
  deps: AppDeps,
  scope: MandateScope,
  householdId: string,
  reveal: boolean,
): Promise<InferOutput<typeof adminDirectDebit.HouseholdMandates>> {
  await requireHousehold(deps.db, scope.collectivityId, householdId);
  const rows = await mandatesOf(deps.db, scope.collectivityId, householdId).execute();
  if (reveal && rows.length > 0) {
    await audit(deps.db, {
      collectivityId: scope.collectivityId,
      actorAccountId: scope.accountId,
      action: 'mandate.iban_read',
      objectType: 'household',
      objectId: householdId,
      details: { mandates: rows.map((r) => r.id) },
      at: deps.clock.now(),
    });
  }
  const inForce = rows.find((r) => r.revoked_at === null);
  return {
    mandate: inForce ? mandateView(inForce, reveal) : null,
    revoked: rows.filter((r) => r.revoked_at !== null).map((r) => mandateView(r, reveal)),
  };
}

/**
 * Records the mandate a family signed. One mandate in force per household: another one answers
 * 409 until it is revoked. The signature date cannot be in the future. The audit log says who
 * recorded which mandate, never the IBAN.
 */
export async function createMandate(
  deps: AppDeps,
  scope: MandateScope,
  householdId: string,
  input: InferOutput<typeof adminDirectDebit.MandateInput>,
): Promise<Mandate> {
  const now = deps.clock.now();
  if (input.signedOn > localDateOf(now, scope.timeZone)) {
    throw new ApiError(400, 'validation_failed', 'body.signedOn: la date de signature du mandat ne peut pas être dans le futur', {
      errors: [{ path: 'body.signedOn', message: 'la date de signature du mandat ne peut pas être dans le futur' }],
    });
  }
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await requireHousehold(trx, scope.collectivityId, householdId);
      const inForce = await trx
        .selectFrom('sepa_mandates')
        .select('id')
        .where('collectivity_id', '=', scope.collectivityId)
        .where('household_id', '=', householdId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (inForce) throw mandateInForce();
      const { id } = await trx
        .insertInto('sepa_mandates')
        .values({
          collectivity_id: scope.collectivityId,
          household_id: householdId,
          reference: input.reference,
          iban: input.iban,
          bic: input.bic ?? null,
          account_holder: input.accountHolder,
          signed_on: input.signedOn,
          created_at: now,
          created_by: scope.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(trx, {
        collectivityId: scope.collectivityId,
        actorAccountId: scope.accountId,
        action: 'mandate.created',
        objectType: 'household',
        objectId: householdId,
        details: { mandateId: id, reference: input.reference },
        at: now,
      });
      const row = await mandatesOf(trx, scope.collectivityId, householdId).where('m.id', '=', id).executeTakeFirstOrThrow();
      return mandateView(row, false);
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Two agents recording at once meet the one-in-force index; a reused reference meets its own.
    const constraint = (e as { constraint_name?: string; constraint?: string }).constraint_name ?? '';
    throw constraint.includes('one_in_force') || String((e as Error).message).includes('one_in_force')
      ? mandateInForce()
      : referenceTaken();
  }
}

/**
 * Revokes the household's mandate in force: it collects nothing from then on (batches already
 * made keep their collections). 404 when none is in force.
 */
export async function revokeMandate(deps: AppDeps, scope: MandateScope, householdId: string): Promise<Mandate> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await requireHousehold(trx, scope.collectivityId, householdId);
    const revoked = await trx
      .updateTable('sepa_mandates')
      .set({ revoked_at: now, revoked_by: scope.accountId })
      .where('collectivity_id', '=', scope.collectivityId)
      .where('household_id', '=', householdId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirstOrThrow(() => notFound('mandate in force'));
    await audit(trx, {
      collectivityId: scope.collectivityId,
      actorAccountId: scope.accountId,
      action: 'mandate.revoked',
      objectType: 'household',
      objectId: householdId,
      details: { mandateId: revoked.id },
      at: now,
    });
    const row = await mandatesOf(trx, scope.collectivityId, householdId).where('m.id', '=', revoked.id).executeTakeFirstOrThrow();
    return mandateView(row, false);
  });
}
