import type { adminPayments } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { textareaField } from '../../shared/form-fields.js';
import { instant, price } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';
import { heldReasonLabel, providerLabel } from './payment-texts.js';

type AdminPayment = adminPayments.AdminPayment;

/** The two decisions the contract offers on a held payment. */
export type Decision = adminPayments.ResolvePaymentInput['decision'];

/** What a held payment's card needs from the element showing it. */
export interface HeldCardHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  /** The decision being confirmed, and on which payment; null when none is. */
  readonly deciding: { paymentId: string; decision: Decision } | null;
  readonly decisionForm: FormState;
  openDecision(payment: AdminPayment, decision: Decision): void;
  cancelDecision(): void;
  resolve(payment: AdminPayment, form: HTMLFormElement): void;
  openInvoice(invoiceId: string, opener: HTMLElement): void;
}

/** The id of the button that opens `decision` on `payment` (the focus goes back to it on cancel). */
export function decisionButtonId(paymentId: string, decision: Decision): string {
  return `pay-${paymentId}-${decision}`;
}

/** What the decision does, said before it is confirmed. */
function consequence(payment: AdminPayment, decision: Decision): string {
  const invoice = payment.invoiceNumber ?? '';
  if (decision === 'accept') {
    return payment.purpose === 'invoice'
      ? msg(str`Le paiement est compté comme reçu : la facture ${invoice} passe à « Payée ».`)
      : msg('Le paiement est compté comme reçu : les jours encore retenus pour ce paiement sont réservés.');
  }
  return payment.purpose === 'invoice'
    ? msg(
        str`Le paiement est clos sans être compté : la régie rembourse la famille hors de Foyer, et la facture ${invoice} reste à payer.`,
      )
    : msg(
        'Le paiement est clos sans être compté : la régie rembourse la famille hors de Foyer, et les jours retenus sont libérés pour les listes d’attente.',
      );
}

function renderDecisionForm(host: HeldCardHost, payment: AdminPayment, decision: Decision): TemplateResult {
  const accept = decision === 'accept';
  const formId = `pay-${payment.id}-decision`;
  return html`<div
    class="confirm"
    @keydown=${(event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        host.cancelDecision();
      }
    }}
  >
    <p>${consequence(payment, decision)}</p>
    ${adminForm(
      host.decisionForm,
      host.renderRoot,
      {
        id: formId,
        label: accept
          ? msg(str`Accepter le paiement de ${payment.householdName}`)
          : msg(str`Refuser le paiement de ${payment.householdName}`),
        submit: accept ? msg('Confirmer l’acceptation') : msg('Confirmer le refus'),
        onSubmit: (form) => host.resolve(payment, form),
        onCancel: () => host.cancelDecision(),
      },
      html`<input type="hidden" name="decision" .value=${decision} />
        ${textareaField('reason', msg('Motif de la décision (gardé au journal d’audit)'), host.decisionForm.errors, {
          id: `${formId}-reason`,
          required: true,
          maxlength: 1000,
        })}`,
    )}
  </div>`;
}

/** One payment waiting for an agent: who, for what, asked and received, and the two decisions. */
export function renderHeldPayment(host: HeldCardHost, payment: AdminPayment): TemplateResult {
  const deciding = host.deciding?.paymentId === payment.id ? host.deciding.decision : null;
  const received = payment.confirmedCents ?? payment.amountCents;
  const invoiceId = payment.invoiceId;
  return html`<li class="card" aria-labelledby="pay-${payment.id}-title">
    ${heading(host.headingLevel + 1, payment.householdName, `pay-${payment.id}-title`)}
    <p><span class="badge">${heldReasonLabel(payment.heldReason)}</span></p>
    <dl class="details">
      <dt>${msg('Objet')}</dt>
      <dd>
        ${
          invoiceId
            ? html`<button
              type="button"
              class="link"
              @click=${(e: Event) => host.openInvoice(invoiceId, e.currentTarget as HTMLElement)}
            >${msg(str`Facture ${payment.invoiceNumber ?? ''}`)}</button>`
            : msg('Réservations payées en ligne')
        }
      </dd>
      <dt>${msg('Montant demandé')}</dt>
      <dd>${price(payment.amountCents)}</dd>
      <dt>${msg('Montant reçu')}</dt>
      <dd>
        ${price(received)}
        ${received !== payment.amountCents ? html` (${msg(str`écart de ${price(received - payment.amountCents)}`)})` : nothing}
      </dd>
      <dt>${msg('Prestataire')}</dt>
      <dd>${providerLabel(payment.provider)}</dd>
      <dt>${msg('Référence chez le prestataire')}</dt>
      <dd>${payment.providerRef ?? '—'}</dd>
      <dt>${msg('Paiement commencé le')}</dt>
      <dd>${instant(payment.createdAt)}</dd>
      <dt>${msg('En attente depuis le')}</dt>
      <dd>${instant(payment.updatedAt)}</dd>
    </dl>
    ${
      deciding
        ? renderDecisionForm(host, payment, deciding)
        : html`<div class="actions">
          <button type="button" class="primary" id=${decisionButtonId(payment.id, 'accept')} @click=${() => host.openDecision(payment, 'accept')}>
            ${msg('Accepter comme payé…')}<span class="visually-hidden"> ${payment.householdName}</span>
          </button>
          <button type="button" id=${decisionButtonId(payment.id, 'refuse')} @click=${() => host.openDecision(payment, 'refuse')}>
            ${msg('Refuser : la régie rembourse…')}<span class="visually-hidden"> ${payment.householdName}</span>
          </button>
        </div>`
    }
  </li>`;
}
