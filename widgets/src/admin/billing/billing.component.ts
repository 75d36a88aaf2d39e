import type { adminBilling } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { addMonths, todayIn } from '../../shared/dates.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { agentMemberships } from '../shared/roles.js';
import { tableStyles } from '../shared/table.js';
import { anomalyLabel, euros, invoiceStatusLabel } from './billing-texts.js';
import { creditForm, creditRequest } from './credit-form.js';

type BillingRun = adminBilling.BillingRun;
type InvoiceSummary = adminBilling.InvoiceSummary;
type InvoiceDetail = adminBilling.InvoiceDetail;

/**
 * **Facturation**: pick a month, preview what it bills (totals per activity, anomalies to
 * settle), issue it after a confirmation, and see its invoices, each of which an admin may
 * credit by a credit note with a reason: every line left, or the lines chosen (*avoir
 * partiel*), paid or not. Agents read; only admins issue and credit.
 *
 * @summary The back office's monthly billing of postpaid activities.
 * @tagname foyer-admin-billing
 */
export class FoyerAdminBilling extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
      .figures { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0; }
      .figures div { display: flex; flex-direction: column; }
      .figures dd { margin: 0; font-weight: 600; font-size: 1.1em; }
    `,
  ];

  /** The month shown (`YYYY-MM`); last month unless set. */
  @property() accessor month = '';

  /** @internal */
  @state() accessor run: BillingRun | null = null;
  /** @internal */
  @state() accessor invoices: InvoiceSummary[] = [];
  /** @internal */
  @state() accessor nextCursor: string | null = null;
  /** @internal */
  @state() accessor confirming = false;
  /** @internal */
  @state() accessor leaveAnomalies = false;
  /** @internal */
  @state() accessor crediting: string | null = null;
  /** @internal The invoice being credited, with its lines. */
  @state() accessor creditDetail: InvoiceDetail | null = null;
  /** @internal */
  @state() accessor busy = false;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor notice = '';

  /** Whether the signed-in agent may issue and credit (admins), as the contract says. */
  get #canWrite(): boolean {
    const store = this.store;
    const membership = agentMemberships(store?.me ?? null).find((m) => m.collectivity.slug === store?.collectivity);
    return membership?.role === 'admin';
  }

  protected override load(): void {
    this.month ||= addMonths(todayIn(this.store?.timeZone ?? 'Europe/Paris'), -1).slice(0, 7);
    void this.#loadInvoices();
  }

  async #call<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    try {
      return await work();
    } catch (error) {
      this.error = error;
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async #loadInvoices(cursor?: string): Promise<void> {
    const admin = this.admin;
    if (!admin || !this.month) return;
    const page = await this.#call(() =>
      admin.billing.invoices(
        { month: this.month, kind: 'invoice', limit: '50', ...(cursor ? { cursor } : {}) },
        this.callOptions,
      ),
    );
    if (!page) return;
    this.invoices = cursor ? [...this.invoices, ...page.items] : page.items;
    this.nextCursor = page.nextCursor;
  }

  async #preview(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    this.notice = '';
    this.confirming = false;
    const run = await this.#call(() => admin.billing.run({ month: this.month, dryRun: true }, this.callOptions));
    if (run) this.run = run;
  }

  async #issue(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    const run = await this.#call(() =>
      admin.billing.run({ month: this.month, leaveAnomaliesUnbilled: this.leaveAnomalies }, this.callOptions),
    );
    if (!run) return;
    this.run = run;
    this.confirming = false;
    this.notice = run.alreadyIssued
      ? msg(str`Le mois ${run.month} était déjà facturé : rien n'a été émis à nouveau.`)
      : msg(str`${run.invoiceCount} factures émises pour ${run.month}, total ${euros(run.totalCents)}.`);
    await this.#loadInvoices();
  }

  async #openCredit(invoice: InvoiceSummary): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    this.crediting = invoice.id;
    this.creditDetail = null;
    const detail = await this.#call(() => admin.billing.invoice(invoice.id, this.callOptions));
    if (!detail || this.crediting !== invoice.id) return;
    this.creditDetail = detail;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(`reason-${invoice.id}`)}`)?.focus();
  }

  async #credit(invoice: InvoiceSummary, form: HTMLFormElement): Promise<void> {
    const admin = this.admin;
    const detail = this.creditDetail;
    const request = detail ? creditRequest(form, detail) : null;
    if (!admin || !request) {
      this.notice = msg('Choisissez au moins une ligne à créditer et donnez un motif.');
      return;
    }
    const result = await this.#call(() => admin.billing.credit(invoice.id, request, this.callOptions));
    if (!result) return;
    this.crediting = null;
    this.creditDetail = null;
    const note = result.creditNote.number;
    const amount = euros(-result.creditNote.totalCents);
    this.notice =
      result.invoice.status === 'cancelled'
        ? msg(str`Facture ${invoice.number} annulée par l'avoir ${note}.`)
        : result.creditNote.creditBalance
          ? msg(str`Avoir ${note} de ${amount} émis sur la facture payée ${invoice.number} : dû à la famille.`)
          : msg(
              str`Avoir ${note} de ${amount} émis sur ${invoice.number} : reste à payer ${euros(result.invoice.remainingCents)}.`,
            );
    this.invoices = this.invoices.map((i) => (i.id === invoice.id ? result.invoice : i));
  }

  #openConfirm(): void {
    this.confirming = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#confirm-heading')?.focus());
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const level = this.headingLevel + 1;
    return html`${heading(this.headingLevel, msg('Facturation'))}
      <div class="toolbar">
        <div class="field">
          <label for="billing-month">${msg('Mois facturé')}</label>
          <input
            id="billing-month"
            type="month"
            required
            .value=${this.month}
            @change=${(e: Event) => {
              this.month = (e.target as HTMLInputElement).value;
              this.run = null;
              this.confirming = false;
              void this.#loadInvoices();
            }}
          />
        </div>
        <button ?disabled=${this.busy || !this.month} @click=${() => this.#preview()}>${msg('Aperçu du mois')}</button>
        ${
          this.#canWrite
            ? html`<button class="primary" ?disabled=${this.busy || !this.run || this.run.status !== 'preview'} @click=${() => this.#openConfirm()}>
              ${msg('Émettre les factures…')}
            </button>`
            : nothing
        }
      </div>
      <div role="status">${this.notice ? html`<p class="message">${this.notice}</p>` : nothing}</div>
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      ${this.confirming && this.run ? this.#confirm(this.run, level) : nothing}
      ${this.run ? this.#runView(this.run, level) : nothing}
      ${this.#invoiceList(level)}`;
  }

  #confirm(run: BillingRun, level: number): TemplateResult {
    const blocking = run.anomalies.filter((a) => a.blocking).length;
    return html`<section class="confirm" aria-labelledby="confirm-heading">
      <div id="confirm-heading" tabindex="-1">
        ${heading(level, msg(str`Émettre ${run.invoiceCount} factures pour ${run.month} ?`))}
      </div>
      <p>
        ${msg(str`Total ${euros(run.totalCents)}. Les factures émises ne se modifient plus : une erreur se corrige par un avoir. Chaque famille reçoit un avis par courriel.`)}
      </p>
      ${
        blocking > 0
          ? html`<p class="message error">${msg(str`${blocking} jour(s) en anomalie bloquante.`)}</p>
            <label class="choice">
              <input type="checkbox" .checked=${this.leaveAnomalies} @change=${(e: Event) => {
                this.leaveAnomalies = (e.target as HTMLInputElement).checked;
              }} />
              ${msg('Émettre quand même : ces jours ne seront jamais facturés')}
            </label>`
          : nothing
      }
      <div class="actions">
        <button class="primary" ?disabled=${this.busy || (blocking > 0 && !this.leaveAnomalies)} @click=${() => this.#issue()}>
          ${msg('Confirmer l’émission')}
        </button>
        <button ?disabled=${this.busy} @click=${() => {
          this.confirming = false;
        }}>${msg('Annuler')}</button>
      </div>
    </section>`;
  }

  #runView(run: BillingRun, level: number): TemplateResult {
    return html`<section>
      ${heading(level, run.status === 'preview' ? msg(str`Aperçu de ${run.month}`) : msg(str`Facturation de ${run.month}`))}
      <dl class="figures">
        <div><dt>${msg('Factures')}</dt><dd>${run.invoiceCount}</dd></div>
        <div><dt>${msg('Jours facturés')}</dt><dd>${run.lineCount}</dd></div>
        <div><dt>${msg('Total')}</dt><dd>${euros(run.totalCents)}</dd></div>
        <div><dt>${msg('Anomalies')}</dt><dd>${run.anomalies.length}</dd></div>
      </dl>
      <table>
        <caption>${msg('Totaux par activité')}</caption>
        <thead><tr><th scope="col">${msg('Activité')}</th><th scope="col" class="amount">${msg('Jours')}</th><th scope="col" class="amount">${msg('Montant')}</th></tr></thead>
        <tbody>
          ${run.activities.map(
            (a) =>
              html`<tr><th scope="row">${a.activity.name}</th><td class="amount">${a.days}</td><td class="amount">${euros(a.totalCents)}</td></tr>`,
          )}
        </tbody>
      </table>
      ${
        run.anomalies.length > 0
          ? html`<table>
            <caption>${msg('Anomalies à régler')}</caption>
            <thead>
              <tr><th scope="col">${msg('Jour')}</th><th scope="col">${msg('Famille')}</th><th scope="col">${msg('Enfant')}</th><th scope="col">${msg('Activité')}</th><th scope="col">${msg('Anomalie')}</th></tr>
            </thead>
            <tbody>
              ${run.anomalies.slice(0, 200).map(
                (a) => html`<tr>
                  <td>${a.date}</td><td>${a.household.name}</td><td>${a.child.firstName} ${a.child.lastName}</td><td>${a.activity.name}</td>
                  <td>${anomalyLabel(a.kind)}${a.blocking ? html` <span class="badge">${msg('bloquante')}</span>` : nothing}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
          : html`<p>${msg('Aucune anomalie.')}</p>`
      }
    </section>`;
  }

  #invoiceList(level: number): TemplateResult {
    return html`<section>
      ${heading(level, msg(str`Factures émises pour ${this.month}`))}
      ${
        this.invoices.length === 0
          ? html`<p class="muted">${msg('Aucune facture émise pour ce mois.')}</p>`
          : html`<table>
            <caption class="visually-hidden">${msg('Factures du mois')}</caption>
            <thead>
              <tr><th scope="col">${msg('Numéro')}</th><th scope="col">${msg('Famille')}</th><th scope="col" class="amount">${msg('Montant')}</th><th scope="col">${msg('Échéance')}</th><th scope="col">${msg('État')}</th>${this.#canWrite ? html`<th scope="col">${msg('Actions')}</th>` : nothing}</tr>
            </thead>
            <tbody>${this.invoices.map((invoice) => this.#invoiceRow(invoice))}</tbody>
          </table>`
      }
      ${
        this.nextCursor
          ? html`<button ?disabled=${this.busy} @click=${() => this.#loadInvoices(this.nextCursor ?? undefined)}>${msg('Factures suivantes')}</button>`
          : nothing
      }
    </section>`;
  }

  #invoiceRow(invoice: InvoiceSummary): TemplateResult {
    return html`<tr>
      <th scope="row">${invoice.number}</th>
      <td>${invoice.household.name}</td>
      <td class="amount">
        ${euros(invoice.totalCents)}${invoice.creditedCents > 0 ? html`<br /><small>${msg(str`avoirs ${euros(-invoice.creditedCents)}`)}</small>` : nothing}
      </td>
      <td>${invoice.dueDate ?? '—'}</td>
      <td>${invoiceStatusLabel(invoice.status)}${invoice.cancelReason ? html` — ${invoice.cancelReason}` : nothing}</td>
      ${
        this.#canWrite
          ? html`<td>
            ${
              this.crediting === invoice.id
                ? creditForm({
                    invoice,
                    detail: this.creditDetail,
                    busy: this.busy,
                    onSubmit: (form) => void this.#credit(invoice, form),
                    onCancel: () => {
                      this.crediting = null;
                      this.creditDetail = null;
                    },
                  })
                : (invoice.status === 'issued' || invoice.status === 'paid') && invoice.creditedCents < invoice.totalCents
                  ? html`<div class="actions"><button @click=${() => this.#openCredit(invoice)} aria-label=${msg(
                      str`Émettre un avoir sur la facture ${invoice.number}`,
                    )}>${msg('Avoir…')}</button></div>`
                  : nothing
            }
          </td>`
          : nothing
      }
    </tr>`;
  }
}
