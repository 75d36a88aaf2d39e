import * as v from 'valibot';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * The family's invoices space ("mes factures"): the household's monthly invoices and credit
 * notes (*avoirs*), their lines by child and day, their PDF, and online payment of those still
 * to pay. Amounts are in cents; a credit note's amounts are negative, so a household's balance
 * is the plain sum of its documents.
 */

/** `invoice` (*facture*) or `credit_note` (*avoir*, which corrects an invoice). */
export const InvoiceKind = v.picklist(['invoice', 'credit_note']);
export type InvoiceKind = v.InferOutput<typeof InvoiceKind>;

/**
 * What the family reads: `to_pay` (*à payer*), `paid` (*payée*), `debited` (*prélevée*: paid by
 * SEPA direct debit), `cancelled` (*annulée*); a credit note is `issued` (nothing to do).
 */
export const InvoiceStatus = v.picklist(['to_pay', 'paid', 'debited', 'cancelled', 'issued']);
export type InvoiceStatus = v.InferOutput<typeof InvoiceStatus>;

/** Why a line is billed: a booked day, an unjustified absence, a child present without booking, a refused late cancellation, a credit. */
export const InvoiceLineReason = v.picklist(['booked', 'absence_unjustified', 'walk_in', 'late_cancellation_refused', 'credit']);
export type InvoiceLineReason = v.InferOutput<typeof InvoiceLineReason>;

/** Another document by number: the invoice a credit note corrects, a credit note of an invoice. */
export const InvoiceRef = v.object({ id: Id, number: v.string(), totalCents: v.number() });
export type InvoiceRef = v.InferOutput<typeof InvoiceRef>;

/** One invoice or credit note in the list. */
export const InvoiceSummary = v.object({
  id: Id,
  kind: InvoiceKind,
  /** `FA-2027-000001` for an invoice, `AV-2027-000001` for a credit note: numbered per collectivity and year. */
  number: v.string(),
  /** The days billed, when the document covers a period (a month). */
  periodFrom: v.nullable(LocalDate),
  periodTo: v.nullable(LocalDate),
  issuedAt: Instant,
  dueDate: v.nullable(LocalDate),
  totalCents: v.number(),
  currency: v.string(),
  status: InvoiceStatus,
  /** Whether "Payer en ligne" applies: an invoice still to pay, for a positive amount. */
  payable: v.boolean(),
  paidAt: v.nullable(Instant),
  /** Direct debit day, when the invoice is paid by SEPA debit. */
  debitedOn: v.nullable(LocalDate),
  /** The invoice this credit note corrects; null for an invoice. */
  corrects: v.nullable(InvoiceRef),
  /** An invoice: what its credit notes took off (positive cents); 0 for a credit note. */
  creditedCents: v.number(),
  /** An invoice: what the family owes on it, total − credits (≥ 0); what online payment asks. 0 for a credit note. */
  remainingCents: v.number(),
  /**
   * A credit note whose invoice was paid or collected already: its amount is owed to the
   * household, and the town refunds it or deducts it from a later invoice (Foyer records the
   * credit note, not the refund). False for an invoice, and for a credit note that took off
   * what remained to pay.
   */
  creditBalance: v.boolean(),
});
export type InvoiceSummary = v.InferOutput<typeof InvoiceSummary>;

/** One billed line: what, how many, at what unit price, and why. */
export const InvoiceLine = v.object({
  label: v.string(),
  quantity: v.number(),
  unitCents: v.number(),
  totalCents: v.number(),
  reason: v.nullable(InvoiceLineReason),
});
export type InvoiceLine = v.InferOutput<typeof InvoiceLine>;

/** The lines of one day; `date` is null for lines that bill no particular day. */
export const InvoiceDay = v.object({ date: v.nullable(LocalDate), lines: v.array(InvoiceLine) });

/** The lines of one child, by day; `child` is null for lines that bill no particular child. */
export const InvoiceChildGroup = v.object({
  child: v.nullable(v.object({ id: Id, firstName: v.string(), lastName: v.string() })),
  days: v.array(InvoiceDay),
  totalCents: v.number(),
});
export type InvoiceChildGroup = v.InferOutput<typeof InvoiceChildGroup>;

/** An invoice or credit note with its lines by child and day. */
export const InvoiceDetail = v.object({
  ...InvoiceSummary.entries,
  household: v.object({ name: v.string() }),
  /** Why the invoice was cancelled, when it was. */
  cancelReason: v.nullable(v.string()),
  children: v.array(InvoiceChildGroup),
  /** The credit notes that correct this invoice, oldest first. */
  creditNotes: v.array(InvoiceRef),
});
export type InvoiceDetail = v.InferOutput<typeof InvoiceDetail>;

const Cursor = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const Limit = v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a number'), v.transform(Number), v.minValue(1), v.maxValue(100));

export const InvoicesQuery = v.strictObject({ cursor: v.optional(Cursor), limit: v.optional(Limit) });

export const InvoicePage = v.object({ items: v.array(InvoiceSummary), nextCursor: v.nullable(v.string()) });

/** Where the payment page sends the parent back (the town's page); defaults to the portal URL. */
export const PayInvoiceBody = v.strictObject({ returnUrl: v.optional(v.pipe(v.string(), v.url(), v.maxLength(2000))) });

/** A started payment of an invoice: send the parent to `url`. */
export const InvoicePayment = v.object({ payment: v.object({ id: Id, url: v.string(), expiresAt: Instant }) });
export type InvoicePayment = v.InferOutput<typeof InvoicePayment>;

const InvoiceParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

/** The household's invoices and credit notes, newest first; paginated. */
export const listInvoices = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/invoices',
  params: CollectivityParams,
  query: InvoicesQuery,
  response: InvoicePage,
});

/** One of the household's invoices or credit notes, with its lines by child and day. */
export const getInvoice = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/invoices/:id',
  params: InvoiceParams,
  response: InvoiceDetail,
});

/** The document as an A4 PDF (`application/pdf`, downloaded as `FA-2027-000001.pdf`). */
export const getInvoicePdf = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/invoices/:id/pdf',
  params: InvoiceParams,
  status: 200,
});

/**
 * Starts the online payment of an invoice still to pay; a second call while a payment is
 * pending answers that payment. Requires an `Idempotency-Key`.
 */
export const payInvoice = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/invoices/:id/pay',
  params: InvoiceParams,
  body: PayInvoiceBody,
  response: InvoicePayment,
  idempotent: true,
});
