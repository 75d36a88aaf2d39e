import type { adminDirectDebit } from '@foyer/sdk/contract';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import type { Creditor } from '../../domain/index.js';
import { audit } from '../../lib/audit.js';

type CreditorSettings = InferOutput<typeof adminDirectDebit.CreditorSettings>;

/** The town's creditor settings, each `null` until an admin sets them. */
export async function creditorSettings(db: Db, collectivityId: string): Promise<CreditorSettings> {
  const row = await db
    .selectFrom('collectivities')
    .select(['sepa_creditor_name', 'sepa_creditor_iban', 'sepa_creditor_bic', 'sepa_creditor_identifier'])
    .where('id', '=', collectivityId)
    .executeTakeFirstOrThrow();
  return {
    name: row.sepa_creditor_name,
    iban: row.sepa_creditor_iban,
    bic: row.sepa_creditor_bic,
    identifier: row.sepa_creditor_identifier,
  };
}

/** The creditor of a batch, when the settings are complete (the BIC may stay unknown). */
export function completeCreditor(settings: CreditorSettings): Creditor | undefined {
  const { name, iban, bic, identifier } = settings;
  return name && iban && identifier ? { name, iban, bic, identifier } : undefined;
}

/** Sets the town's creditor settings; batches already made keep the ones they were made with. */
export async function setCreditorSettings(
  deps: AppDeps,
  scope: { collectivityId: string; accountId: string },
  input: InferOutput<typeof adminDirectDebit.CreditorInput>,
): Promise<CreditorSettings> {
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('collectivities')
      .set({
        sepa_creditor_name: input.name,
        sepa_creditor_iban: input.iban,
        sepa_creditor_bic: input.bic ?? null,
        sepa_creditor_identifier: input.identifier,
      })
      .where('id', '=', scope.collectivityId)
      .execute();
    await audit(trx, {
      collectivityId: scope.collectivityId,
      actorAccountId: scope.accountId,
      action: 'direct_debit.creditor_set',
      objectType: 'collectivity',
      objectId: scope.collectivityId,
      details: { identifier: input.identifier },
      at: deps.clock.now(),
    });
  });
  return creditorSettings(deps.db, scope.collectivityId);
}
