import type { adminBilling } from '@foyer/sdk';
import { msg } from '@lit/localize';

type AnomalyKind = adminBilling.BillingRun['anomalies'][number]['kind'];
type InvoiceStatus = 'draft' | 'issued' | 'paid' | 'cancelled';

/** An anomaly of the month as an agent reads it. */
export function anomalyLabel(kind: AnomalyKind): string {
  switch (kind) {
    case 'late_cancellation_undecided':
      return msg('Annulation tardive non décidée');
    case 'no_price':
      return msg('Activité sans tarif utilisable');
    case 'no_quotient':
      return msg('Quotient inconnu : plein tarif appliqué');
    case 'present_after_cancellation':
      return msg('Pointé présent un jour annulé');
  }
}

/** An invoice's status as families and agents read it. */
export function invoiceStatusLabel(status: InvoiceStatus): string {
  switch (status) {
    case 'draft':
      return msg('Brouillon');
    case 'issued':
      return msg('À payer');
    case 'paid':
      return msg('Payée');
    case 'cancelled':
      return msg('Annulée');
  }
}

const euroFormats = new Map<string, Intl.NumberFormat>();

/** Cents as euros in the page's language: "20,90 €". */
export function euros(cents: number): string {
  const lang = document.documentElement.lang || 'fr';
  let format = euroFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' });
    euroFormats.set(lang, format);
  }
  return format.format(cents / 100);
}
