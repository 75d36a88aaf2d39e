import type { adminBilling, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { monthRange, remainingCents } from '../../domain/index.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import { creditedColumn } from './invoice-line-columns.js';

type InvoicesQuery = EndpointInput<typeof adminBilling.listInvoices>['query'];
type InvoicePage = EndpointOutput<typeof adminBilling.listInvoices>;
type InvoiceSummary = InvoicePage['items'][number];
type InvoiceDetail = EndpointOutput<typeof adminBilling.getInvoice>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function summaryQuery(db: Db, collectivityId: string) {
  return db
    .selectFrom('invoices as i')
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'i.collectivity_id').onRef('h.id', '=', 'i.household_id'),
    )
    .select([
      'i.id',
      'i.kind',
      'i.number',
      'i.household_id',
      'h.name as household_name',
      'i.period_from',
      'i.period_to',
      'i.issued_at',
      'i.due_date',
      'i.status',
      'i.total_cents',
      'i.billing_run_id',
      'i.corrects_invoice_id',
      'i.cancel_reason',
      'i.paid_at',
      'i.credited_cents',
      'i.credit_balance',
    ])
    .where('i.collectivity_id', '=', collectivityId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): InvoiceSummary {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    household: { id: row.household_id, name: row.household_name },
    periodFrom: row.period_from,
    periodTo: row.period_to,
    issuedAt: iso(row.issued_at),
    dueDate: row.due_date,
    status: row.status,
    totalCents: row.total_cents,
    billingRunId: row.billing_run_id,
    correctsInvoiceId: row.corrects_invoice_id,
    cancelReason: row.cancel_reason,
    paidAt: iso(row.paid_at),
    creditedCents: row.credited_cents,
    remainingCents: row.kind === 'invoice' ? remainingCents(row.total_cents, row.credited_cents) : 0,
    creditBalance: row.credit_balance,
  };
}

const badCursor = () =>
  new ApiError(400, 'invalid_cursor', 'This cursor is not one the API gave: start again from the first page.', {
    errors: [{ path: 'query.cursor', message: 'is not a valid cursor' }],
  });

/**
 * Invoices and credit notes, latest number first, a page at a time (the cursor is the last
 * number seen: numbers of a series sort as they were issued). `overdue=true` keeps the issued
 * invoices whose due date is before `today` and that no direct debit collects: the unpaid past due.
 */
export async function listInvoices(db: Db, collectivityId: string, query: InvoicesQuery, today: string): Promise<InvoicePage> {
  const limit = query.limit ?? 50;
  let q = summaryQuery(db, collectivityId);
  if (query.kind) q = q.where('i.kind', '=', query.kind);
  if (query.status) q = q.where('i.status', '=', query.status);
  if (query.household) q = q.where('i.household_id', '=', query.household);
  if (query.month) q = q.where('i.period_from', '=', monthRange(query.month).from);
  // The rows `isOverdue` (domain/invoice-status.ts) keeps, in SQL so that pages stay whole.
  if (query.overdue === 'true')
    q = q
      .where('i.kind', '=', 'invoice')
      .where('i.status', '=', 'issued')
      .where('i.debit_on', 'is', null)
      .where('i.due_date', '<', today);
  if (query.cursor) {
    const after = Buffer.from(query.cursor, 'base64url').toString('utf8');
    if (!/^[A-Z]{1,8}-\d{4}-\d{6,}$/.test(after)) throw badCursor();
    q = q.where('i.number', '<', after);
  }
  const rows = await q
    .orderBy('i.number', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? Buffer.from(last.number).toString('base64url') : null,
  };
}

/** One invoice or credit note with its lines, and the credit notes that correct it. */
export async function getInvoice(db: Db, collectivityId: string, invoiceId: string): Promise<InvoiceDetail> {
  const row = await summaryQuery(db, collectivityId).where('i.id', '=', invoiceId).executeTakeFirst();
  if (!row) throw notFound('invoice');
  const [lines, credits] = await Promise.all([
    db
      .selectFrom('invoice_lines as l')
      .select((eb) => [
        'l.id',
        'l.label',
        'l.quantity',
        'l.unit_cents',
        'l.total_cents',
        'l.date',
        'l.reason',
        'l.child_id',
        'l.activity_id',
        'l.booking_id',
        'l.credits_line_id',
        creditedColumn(eb),
      ])
      .where('l.collectivity_id', '=', collectivityId)
      .where('l.invoice_id', '=', invoiceId)
      .orderBy(sql`l.date nulls first`)
      .orderBy('l.label')
      .orderBy('l.id')
      .execute(),
    db
      .selectFrom('invoices')
      .select(['id', 'number', 'total_cents'])
      .where('collectivity_id', '=', collectivityId)
      .where('corrects_invoice_id', '=', invoiceId)
      .orderBy('number')
      .execute(),
  ]);
  return {
    ...toSummary(row),
    lines: lines.map((l) => ({
      id: l.id,
      label: l.label,
      quantity: l.quantity,
      unitCents: l.unit_cents,
      totalCents: l.total_cents,
      date: l.date,
      reason: l.reason,
      childId: l.child_id,
      activityId: l.activity_id,
      bookingId: l.booking_id,
      credited: Boolean(l.credited),
      creditsLineId: l.credits_line_id,
    })),
    creditNotes: credits.map((c) => ({ id: c.id, number: c.number, totalCents: c.total_cents })),
  };
}

/** The summary of one invoice, in the caller's transaction. */
export async function invoiceSummary(db: Db, collectivityId: string, invoiceId: string): Promise<InvoiceSummary> {
  const row = await summaryQuery(db, collectivityId).where('i.id', '=', invoiceId).executeTakeFirst();
  if (!row) throw notFound('invoice');
  return toSummary(row);
}
