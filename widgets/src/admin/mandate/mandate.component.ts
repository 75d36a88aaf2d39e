import { adminDirectDebit, checkIban, normalizeIban } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { formStyles } from '../../shared/form-fields.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { directDebitsOf } from '../shared/direct-debits.js';
import { FormState } from '../shared/form-state.js';
import { type HouseholdMandates, type MandateHost, renderMandate } from './mandate-view.js';

/**
 * **Prélèvement**, in a household's file: its SEPA mandate in force (IBAN masked, shown whole on
 * demand: the API writes that read to the audit log), or a form to record the one the family
 * signed, with the IBAN checked while it is typed; revoking it; the revoked ones. Agents and
 * admins.
 *
 * @summary A household's SEPA direct-debit mandate in the back office.
 * @tagname foyer-admin-mandate
 *
 * @fires foyer-mandate-changed - A mandate was recorded or revoked; `detail.householdId`.
 */
export class FoyerAdminMandate extends FoyerAdminElement implements MandateHost {
  static override styles = [
    baseStyles,
    formStyles,
    adminStyles,
    css`
      .live.warn { color: var(--_danger); }
      .iban { font-variant-numeric: tabular-nums; margin-inline-end: 0.5rem; }
    `,
  ];

  /** The household whose mandate is shown. */
  @property({ attribute: 'household-id' }) accessor householdId = '';

  /** @internal */
  @state() accessor mandates: HouseholdMandates | null = null;
  /** @internal */
  @state() accessor ibanCheck = { valid: false, message: '' };
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  readonly mandateForm = new FormState(this);
  #focus: string | null = null;

  get #debits() {
    return directDebitsOf(this.store?.client);
  }

  protected override load(): void {
    void this.#load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('householdId') && changed.get('householdId') !== undefined) {
      this.mandates = null;
      this.notice = '';
      this.ibanCheck = { valid: false, message: '' };
      this.mandateForm.reset();
      void this.#load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      this.renderRoot.querySelector<HTMLElement>(this.#focus)?.focus();
      this.#focus = null;
    }
  }

  async #load(reveal = false): Promise<void> {
    const debits = this.#debits;
    if (!debits || !this.householdId) return;
    try {
      this.mandates = await debits.mandates.get(this.householdId, reveal ? { reveal: 'true' } : {}, this.callOptions);
    } catch (error) {
      this.mandateForm.error = error;
      this.requestUpdate();
    }
  }

  #changed(notice: string): void {
    this.notice = notice;
    this.dispatchEvent(
      new CustomEvent('foyer-mandate-changed', { detail: { householdId: this.householdId }, bubbles: true, composed: true }),
    );
  }

  /** @internal Says, while the agent types, whether the IBAN holds together (format, length, check digits). */
  checkIban(value: string): void {
    const iban = normalizeIban(value);
    if (iban.length < 5) {
      this.ibanCheck = { valid: false, message: '' };
      return;
    }
    const check = checkIban(iban);
    if (check.ok) {
      this.ibanCheck = { valid: true, message: msg('IBAN valide.') };
      return;
    }
    const messages = {
      format: msg('Code pays invalide ou hors zone SEPA.'),
      country: msg('Code pays invalide ou hors zone SEPA.'),
      length: msg(str`Longueur incorrecte : ${iban.length} caractères (27 en France).`),
      checksum: msg('Clé de contrôle fausse.'),
    };
    this.ibanCheck = { valid: false, message: messages[check.problem] };
  }

  /** @internal */
  recordMandate(form: HTMLFormElement): void {
    const debits = this.#debits;
    if (!debits) return;
    this.notice = '';
    void this.mandateForm
      .submit(
        form,
        adminDirectDebit.MandateInput,
        (body) => debits.mandates.create(this.householdId, body, this.callOptions),
        (value) => ({ ...value, bic: typeof value.bic === 'string' && value.bic.trim() !== '' ? value.bic : null }),
      )
      .then(async (created) => {
        if (!created) return;
        this.ibanCheck = { valid: false, message: '' };
        await this.#load();
        this.#focus = '#mandate-title';
        this.#changed(msg('Mandat enregistré.'));
      });
  }

  /** @internal */
  revokeMandate(): void {
    const debits = this.#debits;
    if (!debits) return;
    this.notice = '';
    void debits.mandates.revoke(this.householdId, this.callOptions).then(
      async () => {
        await this.#load();
        this.#focus = '#mandate-title';
        this.#changed(msg('Mandat révoqué.'));
      },
      (error: unknown) => {
        this.mandateForm.error = error;
        this.requestUpdate();
      },
    );
  }

  /** @internal Shows the whole IBAN (the API writes the read to the audit log). */
  revealIban(): void {
    void this.#load(true).then(() => {
      this.#focus = '#mandate-iban';
      this.requestUpdate();
    });
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    return renderMandate(
      this,
      this.notice,
      this.mandates === null && this.mandateForm.error ? errorMessage(this.mandateForm.error) : '',
    );
  }
}
