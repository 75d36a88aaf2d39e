import type { adminPayments } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { mediumDate, price } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { invoiceStatusLabel } from '../billing/billing-texts.js';

type OverdueInvoice = adminPayments.OverdueInvoice;

/** The rows shown at first, and added by "Afficher les suivantes" (the API answers them all at once). */
export const OVERDUE_PAGE = 50;

/** What the overdue invoices' list needs from the element showing it. */
export interface OverdueHost {
  readonly headingLevel: number;
  /** Null until loaded. */
  readonly overdue: OverdueInvoice[] | null;
  /** Only invoices overdue by at least this many days. */
  readonly minDays: number;
  /** How many rows are shown. */
  readonly shown: number;
  setMinDays(days: number): void;
  showMore(): void;
  openInvoice(invoiceId: string, opener: HTMLElement): void;
}

const THRESHOLDS = [0, 30, 60, 90] as const;

function thresholdLabel(days: number): string {
  return days === 0 ? msg('Toutes') : msg(str`Depuis au moins ${days} jours`);
}

/**
 * Issued invoices unpaid past their due date, longest overdue first (the API's order), with a
 * filter on how late they are and their detail a click away.
 */
export function renderOverdue(host: OverdueHost): TemplateResult {
  const all = host.overdue;
  const matching = (all ?? []).filter((i) => i.daysOverdue >= host.minDays);
  const rows = matching.slice(0, host.shown);
  const total = matching.reduce((sum, i) => sum + i.dueCents, 0);
  return html`<section aria-labelledby="overdue-title">
    ${heading(host.headingLevel + 1, msg('Factures impayées après échéance'), 'overdue-title')}
    <div class="toolbar">
      <div class="field">
        <label for="overdue-min">${msg('Retard')}</label>
        <select id="overdue-min" @change=${(e: Event) => host.setMinDays(Number((e.target as HTMLSelectElement).value))}>
          ${THRESHOLDS.map((days) => html`<option value=${days} ?selected=${days === host.minDays}>${thresholdLabel(days)}</option>`)}
        </select>
      </div>
    </div>
    ${
      all === null
        ? html`<p class="muted">${msg('Chargement…')}</p>`
        : matching.length === 0
          ? html`<p class="muted">${msg('Aucune facture en retard.')}</p>`
          : html`<p>${msg(str`${matching.length} facture(s) en retard, ${price(total)} au total.`)}</p>
            <table>
              <caption class="visually-hidden">${msg('Factures en retard, la plus ancienne échéance d’abord')}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Numéro')}</th>
                  <th scope="col">${msg('Famille')}</th>
                  <th scope="col" class="amount">${msg('Montant')}</th>
                  <th scope="col">${msg('Échéance')}</th>
                  <th scope="col" class="amount">${msg('Jours de retard')}</th>
                  <th scope="col">${msg('État')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (invoice) => html`<tr>
                    <th scope="row">
                      <button
                        type="button"
                        class="link"
                        aria-label=${msg(str`Voir la facture ${invoice.number}`)}
                        @click=${(e: Event) => host.openInvoice(invoice.id, e.currentTarget as HTMLElement)}
                      >${invoice.number}</button>
                    </th>
                    <td>${invoice.householdName}</td>
                    <td class="amount">${price(invoice.dueCents)}</td>
                    <td>${mediumDate(invoice.dueDate)}</td>
                    <td class="amount">${invoice.daysOverdue}</td>
                    <td>${invoiceStatusLabel('issued')}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${
              matching.length > rows.length
                ? html`<button type="button" @click=${() => host.showMore()}>
                  ${msg(str`Afficher les suivantes (${matching.length - rows.length} de plus)`)}
                </button>`
                : nothing
            }`
    }
  </section>`;
}
