/**
 * What a family reads of one of its documents, from what the database holds. One rule, asked by
 * the API's list, detail, PDF and payment start alike.
 */

/** What the database holds of an invoice or credit note. */
export interface StoredInvoice {
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'issued' | 'paid' | 'cancelled';
  totalCents: number;
  /** The SEPA debit day, when the household pays by direct debit; null otherwise. */
  debitOn?: string | null;
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

/** Whether the family may pay the document online: an invoice still to pay, for a positive amount. */
export function isPayableOnline(invoice: StoredInvoice): boolean {
  return familyInvoiceStatus(invoice) === 'to_pay' && invoice.totalCents > 0;
}
