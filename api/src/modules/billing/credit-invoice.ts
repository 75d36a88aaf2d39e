import type { adminBilling, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { unnestRows } from '../../db/unnest-rows.js';
import type { AppDeps } from '../../deps.js';
import { type CreditPlan, type CreditRefusal, localDateOf, planCredit } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { invalidField } from '../../lib/field-error.js';
import { CREDIT_NOTE_PREFIX, nextDocumentNumber } from '../invoices/credit-notes.js';
import { creditedColumn, INVOICE_LINE_TYPES } from './invoice-line-columns.js';
import { invoiceSummary } from './invoice-reads.js';

type CreditResult = EndpointOutput<typeof adminBilling.creditInvoice>;

interface CreditRequest {
  collectivity: { id: string; timeZone: string };
  accountId: string;
  invoiceId: string;
  reason: string;
  /** The invoice lines to credit; every line left when absent. */
  lineIds?: readonly string[];
}

/**
 * Credits an issued invoice with a reason (domain `planCredit`): a credit note (`AV-YYYY-…`,
 * its own gapless series) that references the invoice and refunds the lines chosen, or every
 * line not credited yet. The invoice's lines and amounts are never touched: it only records
 * what its credit notes took off, and is cancelled once an unpaid one is fully credited. A paid
 * or collected invoice may be credited: the credit note is then owed to the household. The
 * invoice's row lock serialises two agents crediting it at once; a unique index on the credited
 * line is the last guard.
 */
export async function creditInvoice(deps: AppDeps, input: CreditRequest): Promise<CreditResult> {
  const cid = input.collectivity.id;
  return deps.db.transaction().execute(async (trx) => {
    const invoice = await trx
      .selectFrom('invoices')
      .select([
        'id',
        'kind',
        'status',
        'household_id',
        'number',
        'period_from',
        'period_to',
        'total_cents',
        'credited_cents',
        'debit_on',
      ])
      .where('collectivity_id', '=', cid)
      .where('id', '=', input.invoiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!invoice) throw notFound('invoice');
    const lines = await invoiceLines(trx, cid, invoice.id);
    const plan = planCredit(
      {
        kind: invoice.kind,
        status: invoice.status,
        totalCents: invoice.total_cents,
        debitOn: invoice.debit_on,
        lines: lines.map((l) => ({ id: l.id, totalCents: l.total_cents })),
        creditedLineIds: new Set(lines.filter((l) => l.credited).map((l) => l.id)),
        creditedCents: invoice.credited_cents,
      },
      input.lineIds,
    );
    if (!plan.ok) throw refusal(plan.refusal, plan.lineIds);
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
        total_cents: -plan.creditCents,
        created_at: now,
        corrects_invoice_id: invoice.id,
        cancel_reason: input.reason,
        credit_balance: plan.creditBalance,
      })
      .execute();
    await writeCreditLines(trx, cid, { creditNoteId, invoiceNumber: invoice.number, plan, lines });
    await trx
      .updateTable('invoices')
      .set({
        status: plan.status,
        credited_cents: invoice.credited_cents + plan.creditCents,
        cancel_reason: input.reason,
        ...(plan.status === 'cancelled' ? { cancelled_at: now } : {}),
      })
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
        details: JSON.stringify({
          reason: input.reason,
          creditNoteId,
          creditNoteNumber: number,
          creditCents: plan.creditCents,
          lineIds: plan.lines.map((l) => l.id),
          full: input.lineIds === undefined,
        }),
      })
      .execute();
    return {
      invoice: await invoiceSummary(trx, cid, invoice.id),
      creditNote: await invoiceSummary(trx, cid, creditNoteId),
    };
  });
}

/** The invoice's lines, each with whether a credit note credited it already. */
function invoiceLines(trx: Db, collectivityId: string, invoiceId: string) {
  return trx
    .selectFrom('invoice_lines as l')
    .select((eb) => [
      'l.id',
      'l.booking_id',
      'l.label',
      'l.quantity',
      'l.unit_cents',
      'l.total_cents',
      'l.child_id',
      'l.activity_id',
      'l.date',
      creditedColumn(eb),
    ])
    .where('l.collectivity_id', '=', collectivityId)
    .where('l.invoice_id', '=', invoiceId)
    .execute();
}

type InvoiceLineRow = Awaited<ReturnType<typeof invoiceLines>>[number];

/** One credit line per invoice line credited, its amounts negated, naming the line it credits. */
async function writeCreditLines(
  trx: Db,
  collectivityId: string,
  input: { creditNoteId: string; invoiceNumber: string; plan: CreditPlan; lines: InvoiceLineRow[] },
): Promise<void> {
  if (input.plan.lines.length === 0) return;
  const byId = new Map(input.lines.map((l) => [l.id, l]));
  const rows = unnestRows(
    input.plan.lines.map(({ id }) => {
      const l = byId.get(id) as InvoiceLineRow;
      return {
        collectivity_id: collectivityId,
        invoice_id: input.creditNoteId,
        booking_id: l.booking_id,
        label: `Avoir sur ${input.invoiceNumber} — ${l.label}`,
        quantity: l.quantity,
        unit_cents: -l.unit_cents,
        total_cents: -l.total_cents,
        child_id: l.child_id,
        activity_id: l.activity_id,
        date: l.date,
        reason: 'credit',
        credits_line_id: l.id,
      };
    }),
    { collectivity_id: 'uuid', ...INVOICE_LINE_TYPES, credits_line_id: 'uuid' },
  );
  await trx.insertInto('invoice_lines').columns(rows.columns).expression(rows.select).execute();
}

/** A refusal of the domain as the API answers it, in French and English. */
function refusal(kind: CreditRefusal, lineIds: string[]): ApiError {
  switch (kind) {
    case 'line_already_credited':
      return new ApiError(
        409,
        'invoice_line_already_credited',
        {
          fr: `Ligne déjà créditée par un avoir : ${lineIds.join(', ')}. Chaque ligne d’une facture ne se crédite qu’une fois.`,
          en: `Line(s) credited already: ${lineIds.join(', ')}. Each line of an invoice is credited once at most.`,
        },
        { extra: { lineIds } },
      );
    case 'unknown_line':
      return invalidField('body.lines', `not lines of this invoice: ${lineIds.join(', ')}`);
    case 'duplicate_line':
      return invalidField('body.lines', `lines listed twice: ${lineIds.join(', ')}`);
    case 'exceeds_invoice':
      return new ApiError(409, 'invoice_not_creditable', {
        fr: 'Cet avoir dépasserait ce qui reste de la facture.',
        en: 'This credit would exceed what remains of the invoice.',
      });
    default:
      return new ApiError(409, 'invoice_not_creditable', {
        fr: 'Seule une facture émise, payée ou non, et pas encore entièrement créditée peut recevoir un avoir.',
        en: `Only an issued invoice, paid or not, not fully credited yet, can be credited (${kind.replaceAll('_', ' ')}).`,
      });
  }
}
