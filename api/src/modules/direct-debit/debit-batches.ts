import type { adminDirectDebit } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import { sql } from 'kysely';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { type Collection, collectionDateProblem, localDateOf, pain008, sequenceTypeFor } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { completeCreditor, creditorSettings } from './creditor.js';
import { collectableInvoices, tallyOfTheMonth } from './debit-candidates.js';

type Batch = InferOutput<typeof adminDirectDebit.DirectDebitBatch>;

/** Who makes or exports a batch, and where. */
export interface BatchScope {
  collectivityId: string;
  timeZone: string;
  accountId: string;
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown }).code === '23505';

const batchExists = (month: string) =>
  new ApiError(409, 'conflict', {
    fr: `Les prélèvements de ${month} ont déjà été préparés : téléchargez à nouveau leur fichier, il est identique.`,
    en: `The direct debits of ${month} were already prepared: download their file again, it is the same.`,
  });

function batchesOf(db: Db, collectivityId: string) {
  return db
    .selectFrom('direct_debit_batches as b')
    .select([
      'b.id',
      'b.month',
      'b.collection_date',
      'b.message_id',
      'b.created_at',
      'b.invoice_count',
      'b.total_cents',
      'b.creditor_name',
      'b.creditor_iban',
      'b.creditor_bic',
      'b.creditor_identifier',
      (eb) =>
        eb
          .selectFrom('direct_debits as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.collectivity_id', '=', 'b.collectivity_id')
          .whereRef('d.batch_id', '=', 'b.id')
          .where('d.sequence_type', '=', 'FRST')
          .as('first_collections'),
    ])
    .where('b.collectivity_id', '=', collectivityId);
}

type BatchRow = Awaited<ReturnType<ReturnType<typeof batchesOf>['execute']>>[number];

function batchView(row: BatchRow): Batch {
  return {
    id: row.id,
    month: row.month,
    collectionDate: row.collection_date,
    messageId: row.message_id,
    createdAt: row.created_at.toISOString(),
    invoiceCount: row.invoice_count,
    totalCents: Number(row.total_cents),
    firstCollections: Number(row.first_collections ?? 0),
  };
}

/** A month's direct debits: the batch if made, and what a batch would collect now. */
export async function monthOverview(db: Db, collectivityId: string, month: string) {
  const [batch, tally, creditor] = await Promise.all([
    batchesOf(db, collectivityId).where('b.month', '=', month).executeTakeFirst(),
    tallyOfTheMonth(db, collectivityId, month),
    creditorSettings(db, collectivityId),
  ]);
  return { month, creditorReady: completeCreditor(creditor) !== undefined, batch: batch ? batchView(batch) : null, ...tally };
}

function refuseCollectionDate(collectionDate: string, today: string): void {
  const problem = collectionDateProblem(collectionDate, today);
  if (!problem) return;
  const message =
    problem === 'not_after_today'
      ? 'la date de prélèvement doit être après aujourd’hui : la banque reçoit le fichier avant'
      : 'la date de prélèvement est à plus d’un an';
  throw new ApiError(400, 'validation_failed', `body.collectionDate: ${message}`, {
    errors: [{ path: 'body.collectionDate', message }],
  });
}

/**
 * Makes the month's batch, once: every issued unpaid invoice of the month whose household has a
 * mandate in force is collected on `collectionDate` (`FRST` under a mandate never collected
 * before, `RCUR` after) and marked « prélevée le … ». The creditor and the instant are kept
 * with the batch, so its file is the same at every download. A second batch for the month
 * answers 409, two at once make one (the month is unique).
 */
export async function createBatch(
  deps: AppDeps,
  scope: BatchScope,
  input: InferOutput<typeof adminDirectDebit.BatchInput>,
): Promise<Batch> {
  // The file carries the instant to the second; keeping it so makes every export the same.
  const now = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000);
  refuseCollectionDate(input.collectionDate, localDateOf(now, scope.timeZone));
  const creditor = completeCreditor(await creditorSettings(deps.db, scope.collectivityId));
  if (!creditor) {
    throw new ApiError(409, 'conflict', {
      fr: 'Renseignez d’abord le créancier SEPA de la collectivité (nom, IBAN et identifiant créancier ICS).',
      en: "Set the collectivity's SEPA creditor first (name, IBAN and creditor identifier).",
    });
  }
  const id = crypto.randomUUID();
  try {
    const batchId = await deps.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('direct_debit_batches')
        .select('id')
        .where('collectivity_id', '=', scope.collectivityId)
        .where('month', '=', input.month)
        .executeTakeFirst();
      if (existing) throw batchExists(input.month);
      const invoices = await collectableInvoices(trx, scope.collectivityId, input.month, input.collectionDate);
      if (invoices.length === 0) {
        throw new ApiError(409, 'conflict', {
          fr: `Aucune facture de ${input.month} n’est à prélever : aucune facture émise et impayée d’un foyer ayant un mandat en vigueur.`,
          en: `No invoice of ${input.month} to collect: none issued and unpaid for a household with a mandate in force.`,
        });
      }
      const total = invoices.reduce((sum, i) => sum + i.total_cents, 0);
      await trx
        .insertInto('direct_debit_batches')
        .values({
          collectivity_id: scope.collectivityId,
          id,
          month: input.month,
          collection_date: input.collectionDate,
          message_id: `FOYER-${input.month.replace('-', '')}-${id.slice(0, 8).toUpperCase()}`,
          creditor_name: creditor.name,
          creditor_iban: creditor.iban,
          creditor_bic: creditor.bic,
          creditor_identifier: creditor.identifier,
          invoice_count: invoices.length,
          total_cents: total,
          created_at: now,
          created_by: scope.accountId,
        })
        .execute();
      await trx
        .insertInto('direct_debits')
        .values(
          invoices.map((invoice, position) => ({
            collectivity_id: scope.collectivityId,
            invoice_id: invoice.invoice_id,
            batch_id: id,
            mandate_id: invoice.mandate_id,
            sequence_type: sequenceTypeFor(Number(invoice.earlier_batches ?? 0)),
            amount_cents: invoice.total_cents,
            position,
          })),
        )
        .execute();
      await trx
        .updateTable('invoices')
        .set({ debit_on: input.collectionDate })
        .where('collectivity_id', '=', scope.collectivityId)
        .where(
          'id',
          'in',
          invoices.map((i) => i.invoice_id),
        )
        .execute();
      await audit(trx, {
        collectivityId: scope.collectivityId,
        actorAccountId: scope.accountId,
        action: 'direct_debit.batch_created',
        objectType: 'direct_debit_batch',
        objectId: id,
        details: { month: input.month, collectionDate: input.collectionDate, invoiceCount: invoices.length, totalCents: total },
        at: now,
      });
      return id;
    });
    const row = await batchesOf(deps.db, scope.collectivityId).where('b.id', '=', batchId).executeTakeFirstOrThrow();
    return batchView(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw batchExists(input.month);
    throw e;
  }
}

async function batchCollections(db: Db, collectivityId: string, batch: BatchRow): Promise<Collection[]> {
  const rows = await db
    .selectFrom('direct_debits as d')
    .innerJoin('invoices as i', (join) =>
      join.onRef('i.collectivity_id', '=', 'd.collectivity_id').onRef('i.id', '=', 'd.invoice_id'),
    )
    .innerJoin('sepa_mandates as m', (join) =>
      join.onRef('m.collectivity_id', '=', 'd.collectivity_id').onRef('m.id', '=', 'd.mandate_id'),
    )
    .select([
      'i.number',
      'd.amount_cents',
      'd.sequence_type',
      'm.reference',
      'm.signed_on',
      'm.account_holder',
      'm.iban',
      'm.bic',
    ])
    .where('d.collectivity_id', '=', collectivityId)
    .where('d.batch_id', '=', batch.id)
    .orderBy('d.position')
    .execute();
  return rows.map((r) => ({
    endToEndId: r.number,
    amountCents: r.amount_cents,
    sequenceType: r.sequence_type,
    mandateReference: r.reference,
    mandateSignedOn: r.signed_on,
    debtorName: r.account_holder,
    debtorIban: r.iban,
    debtorBic: r.bic,
    remittance: `Facture ${r.number} ${batch.creditor_name} ${batch.month}`,
  }));
}

/**
 * The month's batch as its `pain.008.001.02` file, made again from what the batch kept: the
 * same bytes at every download, and nothing marked. Every download is audited (the file holds
 * the families' IBANs).
 */
export async function batchFile(deps: AppDeps, scope: BatchScope, month: string, c: Context<AppEnv>): Promise<Response> {
  const batch = await batchesOf(deps.db, scope.collectivityId)
    .where('b.month', '=', month)
    .executeTakeFirstOrThrow(() => notFound('direct debit batch'));
  const collections = await batchCollections(deps.db, scope.collectivityId, batch);
  const xml = pain008({
    messageId: batch.message_id,
    createdAt: batch.created_at,
    collectionDate: batch.collection_date,
    creditor: {
      name: batch.creditor_name,
      iban: batch.creditor_iban,
      bic: batch.creditor_bic,
      identifier: batch.creditor_identifier,
    },
    collections,
  });
  await audit(deps.db, {
    collectivityId: scope.collectivityId,
    actorAccountId: scope.accountId,
    action: 'direct_debit.exported',
    objectType: 'direct_debit_batch',
    objectId: batch.id,
    details: { month },
    at: deps.clock.now(),
  });
  return c.body(xml, 200, {
    'Content-Type': 'application/xml; charset=utf-8',
    'Content-Disposition': `attachment; filename="prelevements-${month}.pain.008.xml"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
}
