import * as v from 'valibot';
import { Text } from './admin-fields.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';
import { PaymentStatus } from './payments.js';

// Reconciliation for the town's agents: payments an online provider confirmed for another amount
// than the one asked (or after their deadline) wait here for a decision, and invoices past their
// due date are listed for follow-up.

const IdParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

/**
 * `amount_mismatch`: confirmed for another amount; `paid_late`: confirmed after the deadline, by a
 * provider that cannot refund; `paid_when_closed`: confirmed after the payment was refused or
 * abandoned (the payer paid on another attempt of the same payment).
 */
export const HeldReason = v.picklist(['amount_mismatch', 'paid_late', 'paid_when_closed']);

/** A payment as the agents see it. */
export const AdminPayment = v.object({
  id: Id,
  status: PaymentStatus,
  householdId: Id,
  householdName: v.string(),
  provider: v.string(),
  /** The payment's reference at the provider (PayFiP's `refdet`), as the régie's statements show it. */
  providerRef: v.nullable(v.string()),
  purpose: v.picklist(['checkout', 'invoice']),
  invoiceId: v.nullable(Id),
  /** The number of the invoice it pays (`FA-2026-000042`). */
  invoiceNumber: v.nullable(v.string()),
  /** What Foyer asked. */
  amountCents: v.number(),
  /** What the provider confirmed, when it differs. */
  confirmedCents: v.nullable(v.number()),
  heldReason: v.nullable(HeldReason),
  resolution: v.nullable(v.picklist(['accepted', 'refused'])),
  resolutionReason: v.nullable(v.string()),
  createdAt: Instant,
  updatedAt: Instant,
});
export type AdminPayment = v.InferOutput<typeof AdminPayment>;

/** Payments of `:c`, by status (`held` by default: those waiting for an agent), oldest first. */
export const listPayments = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/payments',
  params: CollectivityParams,
  query: v.strictObject({ status: v.optional(PaymentStatus) }),
  response: v.object({ payments: v.array(AdminPayment) }),
  roles: ['admin', 'agent'],
});

/**
 * An agent's decision on a held payment: `accept` counts the money as paid (the invoice or the
 * held days with it); `refuse` closes it, the régie giving the money back outside Foyer.
 */
export const ResolvePayment = v.strictObject({
  decision: v.picklist(['accept', 'refuse'], 'la décision doit être accept ou refuse'),
  reason: Text('le motif', 1000),
});
export type ResolvePaymentInput = v.InferOutput<typeof ResolvePayment>;

export const resolvePayment = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/payments/:id/resolve',
  params: IdParams,
  body: ResolvePayment,
  response: AdminPayment,
  roles: ['admin', 'agent'],
});

/** An issued invoice still unpaid after its due date. */
export const OverdueInvoice = v.object({
  id: Id,
  number: v.string(),
  householdId: Id,
  householdName: v.string(),
  totalCents: v.number(),
  /** What is still to pay: the total less its credit notes. */
  dueCents: v.number(),
  dueDate: LocalDate,
  daysOverdue: v.number(),
});
export type OverdueInvoice = v.InferOutput<typeof OverdueInvoice>;

/** Issued invoices of `:c` unpaid past their due date (in the town's time zone), longest overdue first. */
export const listOverdueInvoices = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/overdue-invoices',
  params: CollectivityParams,
  response: v.object({ invoices: v.array(OverdueInvoice) }),
  roles: ['admin', 'agent'],
});
