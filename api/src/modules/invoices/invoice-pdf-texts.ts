import type { invoices } from '@foyer/sdk/contract';
import type { Language } from '../../lib/problem-texts.js';

/** Every word of the invoice PDF, in French (the default) and English (`Accept-Language: en`). */
export interface InvoicePdfTexts {
  kindTitle(kind: invoices.InvoiceKind): string;
  issuedOn: string;
  period: string;
  dueOn: string;
  billedTo: string;
  /** The label of the public accountant payments go to. */
  publicAccountant: string;
  /** Before the service's phone number. */
  phone: string;
  corrects(number: string): string;
  columns: { date: string; label: string; quantity: string; unit: string; total: string };
  noChild: string;
  subtotal(name: string): string;
  total: string;
  creditTotal: string;
  cancelReason: string;
  creditedBy(number: string, amount: string): string;
  statusLine(invoice: invoices.InvoiceDetail, timeZone: string): string | null;
  reason(reason: invoices.InvoiceLineReason): string;
  page(page: number, count: number): string;
  money(cents: number): string;
  /** A local date, `lun. 7 déc. 2026`. */
  day(date: string): string;
  /** A local date, `07/12/2026`. */
  shortDay(date: string): string;
  /** The local day of an instant in the town's zone. */
  instantDay(instant: string, timeZone: string): string;
}

function formatters(locale: string) {
  const euros = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const short = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  return {
    money: (cents: number) => euros.format(cents / 100),
    // Noon UTC: no zone moves a calendar date to another day.
    day: (date: string) => day.format(new Date(`${date}T12:00:00Z`)),
    shortDay: (date: string) => short.format(new Date(`${date}T12:00:00Z`)),
    instantDay: (instant: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(new Date(instant)),
  };
}

const fr = formatters('fr-FR');
const en = formatters('en-GB');

export const PDF_TEXTS: Record<Language, InvoicePdfTexts> = {
  fr: {
    kindTitle: (kind) => (kind === 'credit_note' ? 'Avoir' : 'Facture'),
    issuedOn: 'Émise le',
    period: 'Période du',
    dueOn: 'À payer avant le',
    billedTo: 'Facturé à',
    publicAccountant: 'Comptable public',
    phone: 'Tél.',
    corrects: (number) => `Avoir sur la facture ${number}`,
    columns: { date: 'Jour', label: 'Désignation', quantity: 'Qté', unit: 'Prix unitaire', total: 'Montant' },
    noChild: 'Autres lignes',
    subtotal: (name) => `Sous-total ${name}`,
    total: 'Total à payer',
    creditTotal: "Total de l'avoir",
    cancelReason: 'Motif :',
    creditedBy: (number, amount) => `Corrigée par l'avoir ${number} (${amount})`,
    statusLine: (invoice, timeZone) => {
      if (invoice.status === 'paid') return invoice.paidAt ? `Payée le ${fr.instantDay(invoice.paidAt, timeZone)}` : 'Payée';
      if (invoice.status === 'debited') return invoice.debitedOn ? `Prélevée le ${fr.shortDay(invoice.debitedOn)}` : 'Prélevée';
      if (invoice.status === 'cancelled') return 'Facture annulée';
      return null;
    },
    reason: (reason) =>
      ({
        booked: 'réservé',
        absence_unjustified: 'absence non justifiée',
        walk_in: 'présence sans réservation',
        late_cancellation_refused: 'annulation tardive',
        credit: 'remboursement',
      })[reason],
    page: (page, count) => `Page ${page} sur ${count}`,
    ...fr,
  },
  en: {
    kindTitle: (kind) => (kind === 'credit_note' ? 'Credit note' : 'Invoice'),
    issuedOn: 'Issued on',
    period: 'Period',
    dueOn: 'Due by',
    billedTo: 'Billed to',
    publicAccountant: 'Public accountant',
    phone: 'Tel.',
    corrects: (number) => `Credit note for invoice ${number}`,
    columns: { date: 'Day', label: 'Description', quantity: 'Qty', unit: 'Unit price', total: 'Amount' },
    noChild: 'Other lines',
    subtotal: (name) => `Subtotal ${name}`,
    total: 'Total due',
    creditTotal: 'Credit note total',
    cancelReason: 'Reason:',
    creditedBy: (number, amount) => `Corrected by credit note ${number} (${amount})`,
    statusLine: (invoice, timeZone) => {
      if (invoice.status === 'paid') return invoice.paidAt ? `Paid on ${en.instantDay(invoice.paidAt, timeZone)}` : 'Paid';
      if (invoice.status === 'debited') return invoice.debitedOn ? `Debited on ${en.shortDay(invoice.debitedOn)}` : 'Debited';
      if (invoice.status === 'cancelled') return 'Invoice cancelled';
      return null;
    },
    reason: (reason) =>
      ({
        booked: 'booked',
        absence_unjustified: 'unjustified absence',
        walk_in: 'present without booking',
        late_cancellation_refused: 'late cancellation',
        credit: 'refund',
      })[reason],
    page: (page, count) => `Page ${page} of ${count}`,
    ...en,
  },
};
