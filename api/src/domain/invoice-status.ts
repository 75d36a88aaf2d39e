/**
 * What a family reads of one of its documents, from what the database holds, and whether an
 * agent sees it overdue. One rule, asked by the API's list, detail, PDF, payment start and
 * overdue lists alike, so that a family and the town's agents never read a document differently.
 */

import type { LocalDate } from './local-date.js';

/** What the database holds of an invoice or credit note. */
export interface StoredInvoice {
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'issued' | 'paid' | 'cancelled';
  totalCents: number;
  /** The SEPA debit day, when the household pays by direct debit; null otherwise. */
  debitOn?: string | null;
  /** What credit notes took off an invoice, in positive cents (partial credits); 0 when absent. */
  creditedCents?: number;
}

/** `to_pay` (à payer), `paid` (payée), `debited` (prélevée), `cancelled` (annulée), `issued` (a credit note). */
export type FamilyInvoiceStatus = 'to_pay' | 'paid' | 'debited' | 'cancelled' | 'issued';

/**
 * The status a family sees. A draft is never shown to a family, so it has none (null). An
 * invoice to be paid by direct debit reads "prélevée" once it has a debit day: the family has
 * nothing more to do.
 *
 * @example familyInvoiceStatus({ kind: 'invoice', status: 'issued', totalCents: 4200 }) // 'to_pay'
 */
export function familyInvoiceStatus(invoice: StoredInvoice): FamilyInvoiceStatus | null {
  if (invoice.status === 'draft') return null;
  if (invoice.status === 'cancelled') return 'cancelled';
  if (invoice.kind === 'credit_note') return 'issued';
  if (invoice.debitOn) return 'debited';
  return invoice.status === 'paid' ? 'paid' : 'to_pay';
}

/**
 * What the family owes on a document: an invoice's total less its credits, never below zero;
 * nothing on a credit note. A partly credited invoice stays « à payer » for this amount.
 */
export function amountDue(invoice: StoredInvoice): number {
  return invoice.kind === 'invoice' ? Math.max(0, invoice.totalCents - (invoice.creditedCents ?? 0)) : 0;
}

/** Whether the family may pay the document online: an invoice still to pay, for a positive amount due. */
export function isPayableOnline(invoice: StoredInvoice): boolean {
  return familyInvoiceStatus(invoice) === 'to_pay' && amountDue(invoice) > 0;
}

/** What the database holds of an invoice, with its due date (a credit note has none). */
export interface DueInvoice extends StoredInvoice {
  dueDate: LocalDate | null;
}

/**
 * Whether an invoice is overdue on `today` (a day of the town's calendar): the family still
 * reads it "à payer" and its due date is past — the due day itself is not late.
 *
 * An invoice in a direct-debit collection (it has a debit day) is never overdue: the family
 * reads it "prélevée", has nothing more to do, and the bank takes it on the collection day the
 * town chose, before or after the due date. Foyer records no bank reject (R-transaction) of a
 * collection yet: when it does, a rejected debit must clear the debit day so that the invoice
 * reads "à payer" again, and is overdue once past due.
 *
 * @example isOverdue({ kind: 'invoice', status: 'issued', totalCents: 4200, dueDate: '2027-03-15' }, '2027-03-16') // true
 * @example isOverdue({ kind: 'invoice', status: 'issued', totalCents: 4200, dueDate: '2027-03-15', debitOn: '2027-03-05' }, '2027-03-16') // false
 */
export function isOverdue(invoice: DueInvoice, today: LocalDate): boolean {
  return familyInvoiceStatus(invoice) === 'to_pay' && invoice.dueDate !== null && invoice.dueDate < today;
}
