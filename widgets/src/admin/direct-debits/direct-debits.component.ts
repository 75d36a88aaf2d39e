import { adminDirectDebit } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { addDays, addMonths, todayIn } from '../../shared/dates.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles, inputField } from '../../shared/form-fields.js';
import { instant, longDate, price } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { directDebitsOf } from '../shared/direct-debits.js';
import { adminForm } from '../shared/form-render.js';
import { FormState } from '../shared/form-state.js';

/**
 * **Prélèvements**: the town's SEPA creditor (name, account, creditor identifier), and a month's
 * direct debits — what a batch would collect (invoices of households with a mandate in force)
 * and what stays to pay otherwise, preparing the batch on a collection date (once: its invoices
 * are marked « prélevée »), and downloading its ISO 20022 pain.008 file for the bank, as often
 * as needed (the same file every time). Admins.
 *
 * @summary The back office's direct debits: creditor settings, the month's batch and its pain.008 file.
 * @tagname foyer-admin-direct-debits
 */
export class FoyerAdminDirectDebits extends FoyerAdminElement {
  static override styles = [
    baseStyles,
    formStyles,
    adminStyles,
    css`
      .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
    `,
  ];

  /** The month shown, `YYYY-MM`; the previous month (the one billed) unless set. */
  @property() accessor month = '';

  /** @internal */
  @state() accessor creditor: adminDirectDebit.CreditorSettings | null = null;
  /** @internal */
  @state() accessor overview: adminDirectDebit.DirectDebitMonth | null = null;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  readonly creditorForm = new FormState(this);
  /** @internal */
  readonly batchForm = new FormState(this);

  #today(): string {
    return todayIn(this.store?.timeZone ?? 'Europe/Paris');
  }

  protected override load(): void {
    this.month ||= addMonths(this.#today(), -1).slice(0, 7);
    void this.#load();
  }

  async #load(): Promise<void> {
    const admin = directDebitsOf(this.store?.client);
    if (!admin) return;
    try {
      const [creditor, overview] = await Promise.all([
        admin.creditor(this.callOptions),
        /^\d{4}-(0[1-9]|1[0-2])$/.test(this.month) ? admin.month(this.month, this.callOptions) : Promise.resolve(null),
      ]);
      this.creditor = creditor;
      this.overview = overview;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  #saveCreditor(form: HTMLFormElement): void {
    const admin = directDebitsOf(this.store?.client);
    if (!admin) return;
    this.notice = '';
    void this.creditorForm
      .submit(
        form,
        adminDirectDebit.CreditorInput,
        (body) => admin.setCreditor(body, this.callOptions),
        (value) => ({ ...value, bic: typeof value.bic === 'string' && value.bic.trim() !== '' ? value.bic : null }),
      )
      .then(async (saved) => {
        if (!saved) return;
        form.closest('details')?.removeAttribute('open');
        await this.#load();
        this.notice = msg('Modifications enregistrées.');
      });
  }

  #prepare(form: HTMLFormElement): void {
    const admin = directDebitsOf(this.store?.client);
    if (!admin) return;
    this.notice = '';
    void this.batchForm
      .submit(
        form,
        adminDirectDebit.BatchInput,
        (body) => admin.prepare(body, this.callOptions),
        (value) => ({ ...value, month: this.month }),
      )
      .then(async (batch) => {
        if (!batch) return;
        await this.#load();
        this.notice = msg('Prélèvements préparés.');
      });
  }

  async #download(): Promise<void> {
    const admin = directDebitsOf(this.store?.client);
    if (!admin) return;
    try {
      const { blob, filename } = await admin.download(this.month, this.callOptions);
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement('a'), { href: url, download: filename }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.error = error;
    }
  }

  #creditorSection(level: number): TemplateResult {
    const c = this.creditor;
    const errors = this.creditorForm.errors;
    return html`<section aria-labelledby="creditor-title">
      ${heading(level, msg('Créancier SEPA'), 'creditor-title')}
      ${
        c?.identifier
          ? html`<dl class="details">
            <dt>${msg('Nom du créancier')}</dt><dd>${c.name}</dd>
            <dt>${msg('IBAN')}</dt><dd>${c.iban}</dd>
            <dt>${msg('BIC')}</dt><dd>${c.bic ?? '—'}</dd>
            <dt>${msg('Identifiant créancier SEPA (ICS)')}</dt><dd>${c.identifier}</dd>
          </dl>`
          : html`<p>${msg('Renseignez d’abord le créancier SEPA.')}</p>`
      }
      <details ?open=${!c?.identifier || Object.keys(errors).length > 0}>
        <summary>${msg('Modifier le créancier')}</summary>
        ${adminForm(
          this.creditorForm,
          this.renderRoot,
          {
            id: 'creditor-form',
            label: msg('Créancier SEPA'),
            submit: msg('Enregistrer'),
            onSubmit: (f) => this.#saveCreditor(f),
          },
          html`<div class="row">
            ${inputField('name', msg('Nom du créancier'), errors, { id: 'cr-name', required: true, value: c?.name ?? '' })}
            ${inputField('identifier', msg('Identifiant créancier SEPA (ICS)'), errors, {
              id: 'cr-identifier',
              required: true,
              value: c?.identifier ?? '',
              hint: 'FR72ZZZ123456',
            })}
          </div>
          <div class="row">
            ${inputField('iban', msg('IBAN'), errors, { id: 'cr-iban', required: true, value: c?.iban ?? '' })}
            ${inputField('bic', msg('BIC'), errors, { id: 'cr-bic', value: c?.bic ?? '' })}
          </div>`,
        )}
      </details>
    </section>`;
  }

  #batch(batch: adminDirectDebit.DirectDebitBatch): TemplateResult {
    return html`<p>
        ${msg(
          str`Préparés le ${instant(batch.createdAt)} : ${batch.invoiceCount} factures, ${price(batch.totalCents)}, prélevées le ${longDate(batch.collectionDate)}.`,
        )}
      </p>
      <button type="button" class="primary" id="download" @click=${() => void this.#download()}>
        ${msg('Télécharger')} pain.008
      </button>`;
  }

  #prepareForm(overview: adminDirectDebit.DirectDebitMonth): TemplateResult | typeof nothing {
    if (!overview.creditorReady) return html`<p>${msg('Renseignez d’abord le créancier SEPA.')}</p>`;
    if (overview.ready.invoiceCount === 0) return nothing;
    return adminForm(
      this.batchForm,
      this.renderRoot,
      {
        id: 'batch-form',
        label: msg('Préparer les prélèvements'),
        submit: msg('Préparer les prélèvements'),
        onSubmit: (f) => this.#prepare(f),
      },
      inputField('collectionDate', msg('Date de prélèvement'), this.batchForm.errors, {
        id: 'collectionDate',
        type: 'date',
        required: true,
        value: addDays(this.#today(), 5),
      }),
    );
  }

  #monthSection(level: number): TemplateResult {
    const overview = this.overview;
    return html`<section aria-labelledby="month-title">
      ${heading(level, msg('Mois'), 'month-title')}
      <div class="toolbar">
        <div class="field">
          <label for="month">${msg('Mois')} (AAAA-MM)</label>
          <input
            id="month"
            inputmode="numeric"
            pattern="\\d{4}-\\d{2}"
            .value=${this.month}
            @change=${(e: Event) => {
              this.month = (e.target as HTMLInputElement).value.trim();
              this.batchForm.reset();
              void this.#load();
            }}
          />
        </div>
      </div>
      ${
        overview
          ? html`<ul>
              <li>${msg(str`À prélever : ${overview.ready.invoiceCount} factures, ${price(overview.ready.totalCents)}.`)}</li>
              <li>${msg(str`Foyers sans mandat : ${overview.withoutMandate.invoiceCount} factures, ${price(overview.withoutMandate.totalCents)}.`)}</li>
            </ul>
            ${overview.batch ? this.#batch(overview.batch) : this.#prepareForm(overview)}`
          : html`<p class="muted">${msg('Chargement…')}</p>`
      }
    </section>`;
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const level = this.headingLevel + 1;
    return html`${heading(this.headingLevel, msg('Prélèvements'))}
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <p class=${this.notice ? 'message success' : 'visually-hidden'} role="status">${this.notice}</p>
      ${this.#monthSection(level)} ${this.#creditorSection(level)}`;
  }
}
