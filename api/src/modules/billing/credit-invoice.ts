import type { adminBilling, EndpointOutput } from '@foyer/sdk/contract';
import { unnestRows } from '../../db/unnest-rows.js';
import type { AppDeps } from '../../deps.js';
import { localDateOf } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { CREDIT_NOTE_PREFIX, nextDocumentNumber } from '../invoices/credit-notes.js';
import { INVOICE_LINE_TYPES } from './invoice-line-columns.js';
import { invoiceSummary } from './invoice-reads.js';

type CreditResult = EndpointOutput<typeof adminBilling.creditInvoice>;

/**
 * Cancels an issued invoice with a reason: a credit note (`AV-YYYY-…`) refunding every line,
 * that references the invoice, and the invoice marked cancelled. The invoice's lines and
 * amounts are never touched: the credit note is the correction. Only an unpaid invoice is
 * cancelled (409 otherwise); the row lock makes a second agent crediting at once get 409.
 */
export async function creditInvoice(
  deps: AppDeps,
  input: { collectivity: { id: string; timeZone: string }; accountId: string; invoiceId: string; reason: string },
): Promise<CreditResult> {
  const cid = input.collectivity.id;
  return deps.db.transaction().execute(async (trx) => {
    const invoice = await trx
      .selectFrom('invoices')
      .select(['id', 'kind', 'status', 'household_id', 'number', 'period_from', 'period_to', 'total_cents'])
      .where('collectivity_id', '=', cid)
      .where('id', '=', input.invoiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!invoice) throw notFound('invoice');
    if (invoice.kind !== 'invoice' || invoice.status !== 'issued') {
      throw new ApiError(409, 'invoice_not_creditable', {
        fr: 'Seule une facture émise et non payée peut être annulée par un avoir.',
        en: `Only an issued, unpaid invoice can be credited (this one is ${invoice.kind === 'invoice' ? invoice.status : 'a credit note'}).`,
      });
    }
    const now = deps.clock.now();
    const number = await nextDocumentNumber(
      trx,
      cid,
      CREDIT_NOTE_PREFIX,
      localDateOf(now, input.collectivity.timeZone).slice(0, 4),
    );
    const creditNoteId = crypto.randomUUID();
    await trx
      .insertInto('invoices')
      .values({
        collectivity_id: cid,
        id: creditNoteId,
        household_id: invoice.household_id,
        kind: 'credit_note',
        number,
        period_from: invoice.period_from,
        period_to: invoice.period_to,
        issued_at: now,
        due_date: null,
        status: 'issued',
        total_cents: -invoice.total_cents,
        created_at: now,
        corrects_invoice_id: invoice.id,
        cancel_reason: input.reason,
      })
      .execute();
    const lines = await trx
      .selectFrom('invoice_lines')
      .select(['booking_id', 'label', 'quantity', 'unit_cents', 'total_cents', 'child_id', 'activity_id', 'date'])
      .where('collectivity_id', '=', cid)
      .where('invoice_id', '=', invoice.id)
      .execute();
    if (lines.length > 0) {
      const rows = unnestRows(
        lines.map((l) => ({
          collectivity_id: cid,
          invoice_id: creditNoteId,
          booking_id: l.booking_id,
          label: `Avoir sur ${invoice.number} — ${l.label}`,
          quantity: l.quantity,
          unit_cents: -l.unit_cents,
          total_cents: -l.total_cents,
          child_id: l.child_id,
          activity_id: l.activity_id,
          date: l.date,
          reason: 'credit',
        })),
        { collectivity_id: 'uuid', ...INVOICE_LINE_TYPES },
      );
      await trx.insertInto('invoice_lines').columns(rows.columns).expression(rows.select).execute();
    }
    await trx
      .updateTable('invoices')
      .set({ status: 'cancelled', cancel_reason: input.reason, cancelled_at: now })
      .where('collectivity_id', '=', cid)
      .where('id', '=', invoice.id)
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        collectivity_id: cid,
        actor_account_id: input.accountId,
        at: now,
        action: 'invoice.credited',
        object_type: 'invoice',
        object_id: invoice.id,
        details: JSON.stringify({ reason: input.reason, creditNoteId, creditNoteNumber: number }),
      })
      .execute();
    return {
      invoice: await invoiceSummary(trx, cid, invoice.id),
      creditNote: await invoiceSummary(trx, cid, creditNoteId),
    };
  });
}
