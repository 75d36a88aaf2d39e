import type { EndpointOutput, invoices } from '@foyer/sdk/contract';
import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { amountDue, familyInvoiceStatus, isPayableOnline } from '../../domain/invoice-status.js';
import { notFound } from '../../lib/api-error.js';
import { type Keyset, nextCursor } from '../requests/cursor.js';

/** Whose documents: one household of one collectivity. */
export interface InvoiceScope {
  collectivityId: string;
  householdId: string;
}

/** The issue instant to the microsecond, as the keyset cursor carries it. */
const issuedKey = sql<string>`to_char(i.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The household's documents a family may see: issued ones (never drafts), with the invoice a credit note corrects. */
function documentsQuery(db: Executor, scope: InvoiceScope) {
  return db
    .selectFrom('invoices as i')
    .leftJoin('invoices as corrected', (j) =>
      j.onRef('corrected.collectivity_id', '=', 'i.collectivity_id').onRef('corrected.id', '=', 'i.corrects_invoice_id'),
    )
    .select([
      'i.id',
      'i.kind',
      'i.number',
      'i.period_from',
      'i.period_to',
      'i.issued_at',
      'i.due_date',
      'i.status',
      'i.total_cents',
      'i.currency',
      'i.paid_at',
      'i.debit_on',
      'i.cancel_reason',
      'i.credited_cents',
      'i.credit_balance',
      'corrected.id as corrected_id',
      'corrected.number as corrected_number',
      'corrected.total_cents as corrected_total_cents',
      issuedKey.as('issued_key'),
    ])
    .where('i.collectivity_id', '=', scope.collectivityId)
    .where('i.household_id', '=', scope.householdId)
    .where('i.status', '<>', 'draft')
    .where('i.issued_at', 'is not', null);
}

type DocumentRow = Awaited<ReturnType<ReturnType<typeof documentsQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string) => new Date(d).toISOString();

/** The status and payability of a stored document, through the one rule of `domain/invoice-status.ts`. */
function statusOf(row: Pick<DocumentRow, 'kind' | 'status' | 'total_cents' | 'debit_on' | 'credited_cents'>) {
  // Collected by direct debit (« prélevée le … »): not to pay online.
  const stored = {
    kind: row.kind,
    status: row.status,
    totalCents: row.total_cents,
    debitOn: row.debit_on,
    creditedCents: row.credited_cents,
  };
  // Drafts are filtered out by the query: a document listed always has a family status.
  return {
    status: familyInvoiceStatus(stored) ?? 'issued',
    payable: isPayableOnline(stored),
    creditedCents: row.kind === 'invoice' ? row.credited_cents : 0,
    remainingCents: amountDue(stored),
  };
}

function summaryOf(row: DocumentRow): invoices.InvoiceSummary {
  return {
    id: row.id,
    kind: row.kind,
    number: row.number,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    // The query keeps issued documents only.
    issuedAt: iso(row.issued_at ?? new Date(0)),
    dueDate: row.due_date,
    totalCents: row.total_cents,
    currency: row.currency,
    ...statusOf(row),
    paidAt: row.paid_at ? iso(row.paid_at) : null,
    debitedOn: row.debit_on,
    corrects:
      row.corrected_id && row.corrected_number !== null
        ? { id: row.corrected_id, number: row.corrected_number, totalCents: row.corrected_total_cents ?? 0 }
        : null,
    creditBalance: row.credit_balance,
  };
}

/** A page of the household's documents, newest first. */
export async function householdInvoicePage(
  db: Executor,
  scope: InvoiceScope,
  page: { cursor?: Keyset; limit: number },
): Promise<EndpointOutput<typeof invoices.listInvoices>> {
  let query = documentsQuery(db, scope);
  if (page.cursor) {
    query = query.where(sql<SqlBool>`(i.issued_at, i.id) < (${page.cursor.createdAt}::timestamptz, ${page.cursor.id}::uuid)`);
  }
  const rows = await query
    .orderBy('i.issued_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const result = nextCursor(rows, page.limit, (row) => ({ createdAt: row.issued_key, id: row.id }));
  return { items: result.items.map(summaryOf), nextCursor: result.nextCursor };
}

/** One of the household's documents; 404 when it is not theirs (another household's, another town's, a draft). */
export async function findHouseholdInvoice(db: Executor, scope: InvoiceScope, invoiceId: string): Promise<DocumentRow> {
  return documentsQuery(db, scope)
    .where('i.id', '=', invoiceId)
    .executeTakeFirstOrThrow(() => notFound('invoice'));
}

/** A document with its household, its lines by child and day, and the credit notes that correct it. */
export async function householdInvoiceDetail(
  db: Executor,
  scope: InvoiceScope,
  invoiceId: string,
): Promise<invoices.InvoiceDetail> {
  const row = await findHouseholdInvoice(db, scope, invoiceId);
  // One after the other: `db` may be a transaction, which runs one query at a time.
  const household = await db
    .selectFrom('households')
    .select('name')
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', scope.householdId)
    .executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom('invoice_lines as l')
    .leftJoin('children as ch', (j) => j.onRef('ch.collectivity_id', '=', 'l.collectivity_id').onRef('ch.id', '=', 'l.child_id'))
    .select([
      'l.label',
      'l.quantity',
      'l.unit_cents',
      'l.total_cents',
      'l.reason',
      'l.date',
      'l.child_id',
      'ch.first_name',
      'ch.last_name',
    ])
    .where('l.collectivity_id', '=', scope.collectivityId)
    .where('l.invoice_id', '=', row.id)
    .orderBy(sql`ch.first_name nulls last`)
    .orderBy('l.child_id')
    .orderBy(sql`l.date nulls last`)
    .orderBy('l.label')
    .orderBy('l.id')
    .execute();
  const creditNotes = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'total_cents'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .where('corrects_invoice_id', '=', row.id)
    .where('status', '<>', 'draft')
    .orderBy('issued_at')
    .orderBy('number')
    .execute();
  return {
    ...summaryOf(row),
    household: { name: household.name },
    cancelReason: row.cancel_reason,
    children: groupLines(lines),
    creditNotes: creditNotes.map((c) => ({ id: c.id, number: c.number, totalCents: c.total_cents })),
  };
}

interface LineRow {
  label: string;
  quantity: number;
  unit_cents: number;
  total_cents: number;
  reason: invoices.InvoiceLineReason | null;
  date: string | null;
  child_id: string | null;
  first_name: string | null;
  last_name: string | null;
}

/** Lines in child then day order, grouped: one group per child, one entry per day. */
function groupLines(rows: LineRow[]): invoices.InvoiceChildGroup[] {
  const groups: invoices.InvoiceChildGroup[] = [];
  let group: invoices.InvoiceChildGroup | undefined;
  let groupChild: string | null | undefined;
  for (const row of rows) {
    if (group === undefined || groupChild !== row.child_id) {
      groupChild = row.child_id;
      group = {
        child:
          row.child_id && row.first_name !== null && row.last_name !== null
            ? { id: row.child_id, firstName: row.first_name, lastName: row.last_name }
            : null,
        days: [],
        totalCents: 0,
      };
      groups.push(group);
    }
    let day = group.days[group.days.length - 1];
    if (day === undefined || day.date !== row.date) {
      day = { date: row.date, lines: [] };
      group.days.push(day);
    }
    day.lines.push({
      label: row.label,
      quantity: row.quantity,
      unitCents: row.unit_cents,
      totalCents: row.total_cents,
      reason: row.reason,
    });
    group.totalCents += row.total_cents;
  }
  return groups;
}
