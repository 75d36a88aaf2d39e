import { type FoyerClient, type InvoicesNamespace, invoicesOf } from '@foyer/sdk';
import type { invoices } from '@foyer/sdk/contract';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { FoyerPaymentRedirectEvent } from '../events/payment-redirect.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FoyerElement } from '../shared/foyer-element.js';
import type { StoreTopic } from '../shared/store.js';
import { returnUrl } from '../shared/url-params.js';

const PAGE_SIZE = 20;

/**
 * The family's invoices space: invoices and credit notes with their status, the detail of one
 * by child and day, its PDF, and "Payer en ligne" for those to pay (the provider's page, then
 * back to this page).
 *
 * @summary The household's invoices and credit notes.
 * @tagname foyer-invoices
 *
 * @attr return-url - Where the payment page sends the parent back; this page by default.
 * @event foyer-payment-redirect - Before leaving for the payment page; cancel it to handle the redirect yourself.
 * @csspart table - The list of documents.
 * @csspart detail - The detail of the open document.
 */
export class FoyerInvoices extends FoyerElement {
  /** The invoices' SDK namespace: with this element's chunk, not in foyer.js. */
  readonly #namespaces = new WeakMap<FoyerClient, InvoicesNamespace>();
  #invoices(client: FoyerClient): InvoicesNamespace {
    let namespace = this.#namespaces.get(client);
    if (!namespace) {
      namespace = invoicesOf(client);
      this.#namespaces.set(client, namespace);
    }
    return namespace;
  }

  static override styles = [
    baseStyles,
    css`
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        padding: 0.5rem;
        border-bottom: 1px solid var(--foyer-color-border, #767676);
        vertical-align: top;
      }
      .num {
        text-align: end;
        white-space: nowrap;
      }
      .badge {
        display: inline-block;
        padding: 0.125rem 0.5rem;
        border-radius: 1rem;
        border: 1px solid currentColor;
        font-size: 0.875em;
      }
      .to_pay {
        color: #8a3b00;
      }
      .paid,
      .debited {
        color: #1e6b35;
      }
      .cancelled,
      .issued {
        color: #3a3a3a;
      }
      .detail {
        margin-top: 1rem;
        padding: 0.75rem;
        border: 1px solid var(--foyer-color-border, #767676);
        border-radius: var(--foyer-radius, 0.375rem);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      button {
        min-height: 2.75rem;
      }
      @media (max-width: 36rem) {
        .period {
          display: none;
        }
      }
    `,
  ];

  /** Where the payment page sends the parent back; this page by default. */
  @property({ attribute: 'return-url' }) accessor returnUrl = '';
  @state() accessor items: invoices.InvoiceSummary[] | undefined;
  @state() accessor nextCursor: string | null = null;
  @state() accessor detail: invoices.InvoiceDetail | undefined;
  @state() accessor busy = false;
  @state() accessor error = '';

  protected override storeConnected(): void {
    void this.#load();
  }

  protected override storeChanged(topic: StoreTopic): void {
    super.storeChanged(topic);
    // Signed in, out, or in another town: another household's documents.
    if (topic === 'session' || topic === 'collectivity') {
      this.detail = undefined;
      void this.#load();
    }
  }

  async #call<T>(run: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    try {
      return await run();
    } catch (err) {
      this.error = errorMessage(err);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async #load(more = false): Promise<void> {
    const store = this.store;
    if (!store?.signedIn) return;
    const cursor = more ? (this.nextCursor ?? undefined) : undefined;
    const query = cursor ? { limit: String(PAGE_SIZE), cursor } : { limit: String(PAGE_SIZE) };
    const page = await this.#call(() => this.#invoices(store.client).list(query, store.callOptions));
    if (!page) return;
    this.items = more ? [...(this.items ?? []), ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  async #open(id: string): Promise<void> {
    const store = this.store;
    if (!store) return;
    const detail = await this.#call(() => this.#invoices(store.client).get(id, store.callOptions));
    if (!detail) return;
    this.detail = detail;
    await this.updateComplete;
    (this.renderRoot.querySelector('#invoice-detail-title') as HTMLElement | null)?.focus();
  }

  async #download(invoice: invoices.InvoiceSummary): Promise<void> {
    const store = this.store;
    if (!store) return;
    const file = await this.#call(() => this.#invoices(store.client).pdf(invoice.id, store.callOptions));
    if (!file) return;
    const url = URL.createObjectURL(file.blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  async #pay(invoice: invoices.InvoiceSummary): Promise<void> {
    const store = this.store;
    if (!store) return;
    const back = this.returnUrl || returnUrl();
    const started = await this.#call(() => this.#invoices(store.client).pay(invoice.id, { returnUrl: back }, store.callOptions));
    if (!started) return;
    const { id, url } = started.payment;
    const event = new FoyerPaymentRedirectEvent({ paymentId: id, url, amountCents: invoice.totalCents });
    if (this.dispatchEvent(event)) window.location.assign(url);
  }

  #money(cents: number): string {
    return new Intl.NumberFormat(document.documentElement.lang || 'fr', { style: 'currency', currency: 'EUR' }).format(
      cents / 100,
    );
  }

  #day(date: string): string {
    return new Date(`${date}T12:00:00Z`).toLocaleDateString(document.documentElement.lang || 'fr', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
  }

  #status(invoice: invoices.InvoiceSummary): TemplateResult {
    const labels: Record<invoices.InvoiceStatus, string> = {
      to_pay: msg('À payer'),
      paid: msg('Payée'),
      debited: msg('Prélevée'),
      cancelled: msg('Annulée'),
      issued: msg('Avoir'),
    };
    return html`<span class="badge ${invoice.status}">${labels[invoice.status]}</span>`;
  }

  #name(invoice: invoices.InvoiceSummary): string {
    return invoice.kind === 'credit_note' ? msg(str`Avoir ${invoice.number}`) : msg(str`Facture ${invoice.number}`);
  }

  #renderRow(invoice: invoices.InvoiceSummary): TemplateResult {
    const period =
      invoice.periodFrom && invoice.periodTo ? `${this.#day(invoice.periodFrom)} – ${this.#day(invoice.periodTo)}` : '';
    return html`<tr>
      <th scope="row">
        <button type="button" class="link" @click=${() => this.#open(invoice.id)}>${this.#name(invoice)}</button>
        ${invoice.corrects ? html`<br /><small>${msg(str`Corrige la facture ${invoice.corrects.number}`)}</small>` : nothing}
      </th>
      <td class="period">${period}</td>
      <td class="num">${this.#money(invoice.totalCents)}${this.#owedLine(invoice)}</td>
      <td>${this.#status(invoice)}</td>
    </tr>`;
  }

  /**
   * What a credit changes for the family: an invoice partly credited and still to pay asks less;
   * a credit note on an invoice already paid or collected is owed to them, which the town
   * refunds or deducts (Foyer records the credit note, not the refund).
   */
  #owed(invoice: invoices.InvoiceSummary): string | null {
    if (invoice.kind === 'invoice' && invoice.status === 'to_pay' && invoice.creditedCents > 0) {
      return msg(str`Reste à payer : ${this.#money(invoice.remainingCents)}`);
    }
    if (invoice.creditBalance) {
      return msg(str`Avoir de ${this.#money(-invoice.totalCents)} — remboursé par la mairie ou déduit d'une prochaine facture`);
    }
    return null;
  }

  #owedLine(invoice: invoices.InvoiceSummary): TemplateResult | typeof nothing {
    const owed = this.#owed(invoice);
    return owed ? html`<br /><small>${owed}</small>` : nothing;
  }

  #renderDetail(detail: invoices.InvoiceDetail): TemplateResult {
    return html`<section class="detail" part="detail" aria-labelledby="invoice-detail-title">
      <h3 id="invoice-detail-title" tabindex="-1">${this.#name(detail)} — ${this.#status(detail)}</h3>
      ${detail.corrects ? html`<p>${msg(str`Cet avoir corrige la facture ${detail.corrects.number}.`)}</p>` : nothing}
      ${detail.dueDate && detail.status === 'to_pay' ? html`<p>${msg(str`À payer avant le ${this.#day(detail.dueDate)}.`)}</p>` : nothing}
      ${detail.children.map(
        (group) => html`<table>
          <caption>
            ${group.child ? `${group.child.firstName} ${group.child.lastName}` : msg('Autres lignes')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${msg('Jour')}</th>
              <th scope="col">${msg('Prestation')}</th>
              <th scope="col" class="num">${msg('Montant')}</th>
            </tr>
          </thead>
          <tbody>
            ${group.days.flatMap((day) =>
              day.lines.map(
                (line) => html`<tr>
                  <td>${day.date ? this.#day(day.date) : ''}</td>
                  <td>${line.quantity > 1 ? `${line.quantity} × ` : ''}${line.label}</td>
                  <td class="num">${this.#money(line.totalCents)}</td>
                </tr>`,
              ),
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="2">${msg('Sous-total')}</th>
              <td class="num">${this.#money(group.totalCents)}</td>
            </tr>
          </tfoot>
        </table>`,
      )}
      <p><strong>${msg(str`Total : ${this.#money(detail.totalCents)}`)}</strong></p>
      ${detail.creditNotes.map((credit) => html`<p>${msg(str`Corrigée par l'avoir ${credit.number} (${this.#money(credit.totalCents)}).`)}</p>`)}
      ${this.#owed(detail) ? html`<p class="owed">${this.#owed(detail)}</p>` : nothing}
      <div class="actions">
        <button type="button" ?disabled=${this.busy} @click=${() => this.#download(detail)}>${msg('Télécharger le PDF')}</button>
        ${
          detail.payable
            ? html`<button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.#pay(detail)}>${msg('Payer en ligne')}</button>`
            : nothing
        }
      </div>
    </section>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.store?.signedIn) return nothing;
    const items = this.items;
    return html`<h2>${msg('Mes factures')}</h2>
      ${
        items === undefined
          ? html`<p role="status">${msg('Chargement…')}</p>`
          : items.length === 0
            ? html`<p>${msg("Vous n'avez pas encore de facture.")}</p>`
            : html`<table part="table">
                <thead>
                  <tr>
                    <th scope="col">${msg('Document')}</th>
                    <th scope="col" class="period">${msg('Période')}</th>
                    <th scope="col" class="num">${msg('Montant')}</th>
                    <th scope="col">${msg('Statut')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map((invoice) => this.#renderRow(invoice))}
                </tbody>
              </table>`
      }
      ${this.nextCursor ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.#load(true)}>${msg('Voir plus')}</button>` : nothing}
      ${this.detail ? this.#renderDetail(this.detail) : nothing}
      ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}`;
  }
}
