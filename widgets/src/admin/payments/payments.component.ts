import { adminPayments, FoyerError } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { formStyles } from '../../shared/form-fields.js';
import { price } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { FormState } from '../shared/form-state.js';
import { tableStyles } from '../shared/table.js';
import { type Decision, decisionButtonId, type HeldCardHost, renderHeldPayment } from './held-payment-card.js';
import { type InvoiceDetail, type InvoiceDialogHost, renderInvoiceDialog } from './invoice-detail.js';
import { OVERDUE_PAGE, type OverdueHost, renderOverdue } from './overdue-invoices.js';

type AdminPayment = adminPayments.AdminPayment;
type OverdueInvoice = adminPayments.OverdueInvoice;

/**
 * **Paiements**: the régie's reconciliation. Payments an online provider confirmed for another
 * amount than the one asked, too late or after they were closed wait here for an agent, who
 * accepts them as paid or refuses them (the régie refunds), with a reason kept in the audit log;
 * below, the invoices still unpaid past their due date, each one's detail a click away. Admins
 * and agents, as the contract's routes say.
 *
 * @summary The back office's held payments and overdue invoices.
 * @tagname foyer-admin-payments
 */
export class FoyerAdminPayments extends FoyerAdminElement implements HeldCardHost, OverdueHost, InvoiceDialogHost {
  static override styles = [
    baseStyles,
    formStyles,
    tableStyles,
    adminStyles,
    css`
      dialog { max-width: min(48rem, calc(100vw - 2rem)); border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); }
      dialog::backdrop { background: rgb(0 0 0 / 0.4); }
    `,
  ];

  /** @internal Null until loaded. */
  @state() accessor held: AdminPayment[] | null = null;
  /** @internal Null until loaded. */
  @state() accessor overdue: OverdueInvoice[] | null = null;
  /** @internal */
  @state() accessor minDays = 0;
  /** @internal */
  @state() accessor shown = OVERDUE_PAGE;
  /** @internal */
  @state() accessor deciding: { paymentId: string; decision: Decision } | null = null;
  /** @internal */
  @state() accessor invoice: InvoiceDetail | null = null;
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  readonly decisionForm = new FormState(this);
  readonly #focus = new FocusAfterRender(this);
  /** What had the focus before the invoice's dialog opened: it gets it back on close. */
  #invoiceOpener: HTMLElement | null = null;

  protected override load(): void {
    void this.#loadHeld();
    void this.#loadOverdue();
  }

  async #loadHeld(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      this.held = (await admin.payments.list({ status: 'held' }, this.callOptions)).payments;
    } catch (error) {
      this.error = error;
    }
  }

  async #loadOverdue(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      this.overdue = (await admin.payments.overdueInvoices(this.callOptions)).invoices;
    } catch (error) {
      this.error = error;
    }
  }

  /** @internal */
  openDecision(payment: AdminPayment, decision: Decision): void {
    this.decisionForm.reset();
    this.deciding = { paymentId: payment.id, decision };
    this.#focus.request(`#pay-${CSS.escape(payment.id)}-decision-reason`);
  }

  /** @internal */
  cancelDecision(): void {
    const deciding = this.deciding;
    this.deciding = null;
    this.decisionForm.reset();
    if (deciding) this.#focus.request(`#${CSS.escape(decisionButtonId(deciding.paymentId, deciding.decision))}`);
  }

  /** @internal */
  resolve(payment: AdminPayment, form: HTMLFormElement): void {
    const admin = this.admin;
    if (!admin) return;
    void this.decisionForm
      .submit(form, adminPayments.ResolvePayment, (body) => admin.payments.resolve(payment.id, body, this.callOptions))
      .then((resolved) => {
        if (!resolved) {
          if (this.decisionForm.error instanceof FoyerError && this.decisionForm.error.status === 409) this.#decidedElsewhere();
          return;
        }
        this.deciding = null;
        this.error = null;
        this.notice =
          resolved.resolution === 'accepted'
            ? msg(
                str`Paiement de ${payment.householdName} accepté : ${price(resolved.confirmedCents ?? resolved.amountCents)} comptés comme payés.`,
              )
            : msg(str`Paiement de ${payment.householdName} refusé : la régie rembourse la famille.`);
        this.#focus.request('.notice');
        void this.#loadHeld();
        void this.#loadOverdue();
      });
  }

  /** Another agent decided first: the card goes (the lists are read again), the reason why stays, focused. */
  #decidedElsewhere(): void {
    this.error = this.decisionForm.error;
    this.notice = '';
    this.deciding = null;
    this.decisionForm.reset();
    this.#focus.request('[role="alert"]');
    void this.#loadHeld();
    void this.#loadOverdue();
  }

  /** @internal */
  setMinDays(days: number): void {
    this.minDays = days;
    this.shown = OVERDUE_PAGE;
  }

  /** @internal */
  showMore(): void {
    this.shown += OVERDUE_PAGE;
  }

  /** @internal */
  openInvoice(invoiceId: string, opener: HTMLElement): void {
    const admin = this.admin;
    if (!admin) return;
    this.#invoiceOpener = opener;
    this.invoice = null;
    this.renderRoot.querySelector<HTMLDialogElement>('#invoice-dialog')?.showModal();
    admin.billing.invoice(invoiceId, this.callOptions).then(
      (invoice) => {
        this.invoice = invoice;
      },
      (error: unknown) => {
        this.closeInvoice();
        this.error = error;
        this.#focus.request('[role="alert"]');
      },
    );
  }

  /** @internal */
  closeInvoice(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('#invoice-dialog');
    if (dialog?.open) dialog.close();
    this.invoice = null;
    this.#invoiceOpener?.focus();
    this.#invoiceOpener = null;
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    return html`${heading(this.headingLevel, msg('Paiements'))}
      <p class=${this.notice ? 'message success notice' : 'visually-hidden notice'} role="status" tabindex="-1">${this.notice}</p>
      ${this.error ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(this.error)}</p>` : nothing}
      ${this.#heldList()}
      ${renderOverdue(this)}
      ${renderInvoiceDialog(this)}`;
  }

  #heldList(): TemplateResult {
    const held = this.held;
    return html`<section aria-labelledby="held-title">
      ${heading(this.headingLevel + 1, msg('Paiements en attente d’une décision'), 'held-title')}
      <p class="muted">
        ${msg('Le prestataire a confirmé ces paiements pour un autre montant que celui demandé, trop tard, ou après leur clôture : rien n’est compté tant qu’un agent n’a pas décidé.')}
      </p>
      ${
        held === null
          ? html`<p class="muted">${msg('Chargement…')}</p>`
          : held.length === 0
            ? html`<p class="muted">${msg('Aucun paiement en attente.')}</p>`
            : html`<ul class="cards">${held.map((payment) => renderHeldPayment(this, payment))}</ul>`
      }
    </section>`;
  }
}
