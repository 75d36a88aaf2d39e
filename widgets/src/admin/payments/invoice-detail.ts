import type { adminBilling } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type * as v from 'valibot';
import { mediumDate, price } from '../../shared/format.js';
import { invoiceStatusLabel } from '../billing/billing-texts.js';

/** An invoice as the back office reads it: its lines by child and day, and the credit notes correcting it. */
export type InvoiceDetail = v.InferOutput<typeof adminBilling.InvoiceDetail>;

/** What the invoice's dialog needs from the element showing it. */
export interface InvoiceDialogHost {
  /** The invoice shown, null while it loads or when none is open. */
  readonly invoice: InvoiceDetail | null;
  closeInvoice(): void;
}

/**
 * One invoice in a modal dialog (opened with `showModal()`: the focus stays inside, Escape
 * closes it): who, when, its lines and its credit notes.
 */
export function renderInvoiceDialog(host: InvoiceDialogHost): TemplateResult {
  const invoice = host.invoice;
  return html`<dialog
    id="invoice-dialog"
    aria-labelledby="invoice-dialog-title"
    @cancel=${(event: Event) => {
      event.preventDefault();
      host.closeInvoice();
    }}
  >
    <h2 id="invoice-dialog-title">${invoice ? msg(str`Facture ${invoice.number}`) : msg('Facture')}</h2>
    ${invoice ? renderInvoice(invoice) : html`<p aria-busy="true">${msg('Chargement…')}</p>`}
    <div class="actions">
      <button type="button" id="invoice-close" @click=${() => host.closeInvoice()}>${msg('Fermer')}</button>
    </div>
  </dialog>`;
}

function renderInvoice(invoice: InvoiceDetail): TemplateResult {
  return html`<dl class="details">
      <dt>${msg('Famille')}</dt>
      <dd>${invoice.household.name}</dd>
      <dt>${msg('Période')}</dt>
      <dd>
        ${invoice.periodFrom && invoice.periodTo ? msg(str`du ${mediumDate(invoice.periodFrom)} au ${mediumDate(invoice.periodTo)}`) : '—'}
      </dd>
      <dt>${msg('Échéance')}</dt>
      <dd>${invoice.dueDate ? mediumDate(invoice.dueDate) : '—'}</dd>
      <dt>${msg('État')}</dt>
      <dd>${invoiceStatusLabel(invoice.status)}</dd>
      <dt>${msg('Montant')}</dt>
      <dd>${price(invoice.totalCents)}</dd>
    </dl>
    <table>
      <caption>${msg('Lignes de la facture')}</caption>
      <thead>
        <tr>
          <th scope="col">${msg('Jour')}</th>
          <th scope="col">${msg('Prestation')}</th>
          <th scope="col" class="amount">${msg('Quantité')}</th>
          <th scope="col" class="amount">${msg('Montant')}</th>
        </tr>
      </thead>
      <tbody>
        ${invoice.lines.map(
          (line) => html`<tr>
            <td>${line.date ? mediumDate(line.date) : '—'}</td>
            <td>${line.label}</td>
            <td class="amount">${line.quantity}</td>
            <td class="amount">${price(line.totalCents)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${
      invoice.creditNotes.length > 0
        ? html`<p>
          ${msg('Avoirs :')}
          ${invoice.creditNotes.map((note) => `${note.number} (${price(note.totalCents)})`).join(', ')}
        </p>`
        : nothing
    }`;
}
