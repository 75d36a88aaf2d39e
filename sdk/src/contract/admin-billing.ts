import * as v from 'valibot';
import { ROLES } from './admin-fields.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * The monthly billing of postpaid activities in the back office: preview a month, issue it
 * (once), list invoices and credit an issued one. Admins run it; agents read it.
 */

/** A billing month, `YYYY-MM`. */
export const BillingMonth = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'doit être un mois AAAA-MM (must be a month YYYY-MM)'),
  v.check((month) => !month.startsWith('0000'), "l'année 0000 n'existe pas (there is no year 0000)"),
);

/** Why a day is billed. */
export const InvoiceLineReason = v.picklist(['booked', 'absence_unjustified', 'walk_in', 'late_cancellation_refused', 'credit']);

/** What keeps a day from being billed right (see the domain's `AnomalyKind`). */
export const BillingAnomalyKind = v.picklist([
  'late_cancellation_undecided',
  'no_price',
  'no_quotient',
  'present_after_cancellation',
]);

export const BillingAnomaly = v.object({
  kind: BillingAnomalyKind,
  /** The day is left unbilled (or its amount is in doubt): issuing waits unless told to go on. */
  blocking: v.boolean(),
  bookingId: Id,
  date: LocalDate,
  child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
  household: v.object({ id: Id, name: v.string() }),
  activity: v.object({ id: Id, name: v.string() }),
});

export const BillingActivityTotal = v.object({
  activity: v.object({ id: Id, name: v.string() }),
  days: v.number(),
  totalCents: v.number(),
});

export const BillingHouseholdTotal = v.object({
  household: v.object({ id: Id, name: v.string() }),
  days: v.number(),
  totalCents: v.number(),
  /** The invoice issued for it; null in a preview. */
  invoice: v.nullable(v.object({ id: Id, number: v.string() })),
});

/** A month's billing, previewed or issued. */
export const BillingRun = v.object({
  /** Null in a preview: nothing was written. */
  id: v.nullable(Id),
  month: BillingMonth,
  status: v.picklist(['preview', 'issued']),
  issuedAt: v.nullable(Instant),
  dueDate: v.nullable(LocalDate),
  invoiceCount: v.number(),
  /** Days billed, over every invoice. */
  lineCount: v.number(),
  totalCents: v.number(),
  activities: v.array(BillingActivityTotal),
  /** Per household with billable days; in a preview only (an issued run lists its invoices). */
  households: v.array(BillingHouseholdTotal),
  anomalies: v.array(BillingAnomaly),
  /** True when the month had already been issued: this is that run, nothing was issued again. */
  alreadyIssued: v.boolean(),
});
export type BillingRun = v.InferOutput<typeof BillingRun>;

export const BillingRunSummary = v.object({
  id: Id,
  month: BillingMonth,
  status: v.picklist(['issuing', 'issued']),
  issuedAt: v.nullable(Instant),
  invoiceCount: v.number(),
  totalCents: v.number(),
});

export const BillingRunInput = v.strictObject({
  month: BillingMonth,
  /** Computes the month and answers what would be issued, writing nothing. */
  dryRun: v.optional(v.boolean()),
  /** Issues even with blocking anomalies: their days stay unbilled for good. */
  leaveAnomaliesUnbilled: v.optional(v.boolean()),
});

export const InvoiceStatus = v.picklist(['draft', 'issued', 'paid', 'cancelled']);

export const InvoiceSummary = v.object({
  id: Id,
  kind: v.picklist(['invoice', 'credit_note']),
  number: v.string(),
  household: v.object({ id: Id, name: v.string() }),
  periodFrom: v.nullable(LocalDate),
  periodTo: v.nullable(LocalDate),
  issuedAt: v.nullable(Instant),
  dueDate: v.nullable(LocalDate),
  status: InvoiceStatus,
  totalCents: v.number(),
  billingRunId: v.nullable(Id),
  correctsInvoiceId: v.nullable(Id),
  /** Why it was credited: the reason of the latest credit note (an invoice), or its own (a credit note). */
  cancelReason: v.nullable(v.string()),
  paidAt: v.nullable(Instant),
  /** An invoice: what its credit notes took off, positive; 0 for a credit note. */
  creditedCents: v.number(),
  /** An invoice: what it still bills, total − credits (≥ 0); 0 for a credit note. */
  remainingCents: v.number(),
  /** A credit note owed to the household (its invoice was paid or collected already): the town refunds or deducts it. */
  creditBalance: v.boolean(),
});

export type InvoiceSummary = v.InferOutput<typeof InvoiceSummary>;

export const InvoiceLine = v.object({
  id: Id,
  label: v.string(),
  quantity: v.number(),
  unitCents: v.number(),
  totalCents: v.number(),
  date: v.nullable(LocalDate),
  reason: v.nullable(InvoiceLineReason),
  childId: v.nullable(Id),
  activityId: v.nullable(Id),
  bookingId: v.nullable(Id),
  /** An invoice's line: whether a credit note credited it already (each line is credited once at most). */
  credited: v.boolean(),
  /** A credit note's line: the invoice line it credits. */
  creditsLineId: v.nullable(Id),
});

export const InvoiceDetail = v.object({
  ...InvoiceSummary.entries,
  lines: v.array(InvoiceLine),
  /** Credit notes that correct this invoice. */
  creditNotes: v.array(v.object({ id: Id, number: v.string(), totalCents: v.number() })),
});
export type InvoiceDetail = v.InferOutput<typeof InvoiceDetail>;

const Limit = v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'must be a number'), v.transform(Number), v.minValue(1), v.maxValue(100));

export const InvoicesQuery = v.strictObject({
  month: v.optional(BillingMonth),
  household: v.optional(Id),
  kind: v.optional(v.picklist(['invoice', 'credit_note'])),
  status: v.optional(InvoiceStatus),
  /** Only unpaid invoices past their due date. */
  overdue: v.optional(v.picklist(['true', 'false'])),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  limit: v.optional(Limit),
});

/**
 * A credit note's request: a reason, and the invoice lines to credit (*avoir partiel*); without
 * `lines`, every line not credited yet (the whole invoice, or what earlier credits left).
 */
export const CreditInput = v.strictObject({
  reason: v.pipe(v.string(), v.trim(), v.minLength(1, 'le motif est obligatoire (a reason is required)'), v.maxLength(500)),
  lines: v.optional(
    v.pipe(v.array(Id), v.minLength(1, 'choisissez au moins une ligne (choose at least one line)'), v.maxLength(1000)),
  ),
});

const RunParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

export const listBillingRuns = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/billing-runs',
  params: CollectivityParams,
  response: v.object({ runs: v.array(BillingRunSummary) }),
  roles: ROLES.office,
});
export const runBilling = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/billing-runs',
  params: CollectivityParams,
  body: BillingRunInput,
  response: BillingRun,
  roles: ROLES.admin,
});
export const getBillingRun = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/billing-runs/:id',
  params: RunParams,
  response: BillingRun,
  roles: ROLES.office,
});
export const listInvoices = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/invoices',
  params: CollectivityParams,
  query: InvoicesQuery,
  response: v.object({ items: v.array(InvoiceSummary), nextCursor: v.nullable(v.string()) }),
  roles: ROLES.office,
});
export const getInvoice = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/invoices/:id',
  params: RunParams,
  response: InvoiceDetail,
  roles: ROLES.office,
});
export const creditInvoice = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/invoices/:id/credit',
  params: RunParams,
  body: CreditInput,
  response: v.object({ invoice: InvoiceSummary, creditNote: InvoiceSummary }),
  status: 201,
  roles: ROLES.admin,
});
