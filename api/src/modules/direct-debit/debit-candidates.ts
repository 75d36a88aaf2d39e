import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/**
 * The invoices a month's batch collects: issued, unpaid, not collected yet, of the month (the
 * billing run's month, or the month the invoice's period starts in when no run issued it).
 */
function invoicesOfTheMonth(db: Db, collectivityId: string, month: string) {
  return db
    .selectFrom('invoices as i')
    .leftJoin('billing_runs as br', (join) =>
      join.onRef('br.collectivity_id', '=', 'i.collectivity_id').onRef('br.id', '=', 'i.billing_run_id'),
    )
    .where('i.collectivity_id', '=', collectivityId)
    .where('i.kind', '=', 'invoice')
    .where('i.status', '=', 'issued')
    .where('i.paid_at', 'is', null)
    .where('i.debit_on', 'is', null)
    .where(sql<number>`i.total_cents - i.credited_cents`, '>', 0)
    .where(sql<string>`coalesce(br.month, to_char(i.period_from, 'YYYY-MM'))`, '=', month)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('direct_debits as d')
            .select('d.invoice_id')
            .whereRef('d.collectivity_id', '=', 'i.collectivity_id')
            .whereRef('d.invoice_id', '=', 'i.id'),
        ),
      ),
    );
}

const mandateInForce = (eb: ExpressionBuilder<Database & { i: Database['invoices'] }, 'i'>) =>
  eb
    .selectFrom('sepa_mandates as m')
    .select('m.id')
    .whereRef('m.collectivity_id', '=', 'i.collectivity_id')
    .whereRef('m.household_id', '=', 'i.household_id')
    .where('m.revoked_at', 'is', null);

/** A month's candidates counted: with a mandate in force (`ready`) and without (`withoutMandate`). */
export async function tallyOfTheMonth(db: Db, collectivityId: string, month: string) {
  const rows = await invoicesOfTheMonth(db, collectivityId, month)
    .select((eb) => [
      eb.exists(mandateInForce(eb)).as('has_mandate'),
      sql<number>`count(*)::int`.as('invoice_count'),
      sql<number>`coalesce(sum(i.total_cents - i.credited_cents), 0)::int`.as('total_cents'),
    ])
    .groupBy(sql`1`)
    .execute();
  const tally = (hasMandate: boolean) => {
    const row = rows.find((r) => Boolean(r.has_mandate) === hasMandate);
    return { invoiceCount: Number(row?.invoice_count ?? 0), totalCents: Number(row?.total_cents ?? 0) };
  };
  return { ready: tally(true), withoutMandate: tally(false) };
}

/**
 * The invoices a batch collecting on `collectionDate` takes, each with its household's mandate
 * in force (signed by then) and how many earlier batches collected under that mandate; locked,
 * so that a payment recorded meanwhile waits for the batch. In invoice-number order.
 */
export function collectableInvoices(db: Db, collectivityId: string, month: string, collectionDate: string) {
  return invoicesOfTheMonth(db, collectivityId, month)
    .innerJoin('sepa_mandates as m', (join) =>
      join
        .onRef('m.collectivity_id', '=', 'i.collectivity_id')
        .onRef('m.household_id', '=', 'i.household_id')
        .on('m.revoked_at', 'is', null)
        .on('m.signed_on', '<=', collectionDate),
    )
    .select((eb) => [
      'i.id as invoice_id',
      // What remains due once credit notes took off their part (partial credits).
      sql<number>`i.total_cents - i.credited_cents`.as('total_cents'),
      'm.id as mandate_id',
      eb
        .selectFrom('direct_debits as d')
        .select(sql<number>`count(distinct d.batch_id)::int`.as('n'))
        .whereRef('d.collectivity_id', '=', 'm.collectivity_id')
        .whereRef('d.mandate_id', '=', 'm.id')
        .as('earlier_batches'),
    ])
    .orderBy('i.number')
    .modifyEnd(sql`for update of i`)
    .execute();
}
