import type { adminBookings } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { textareaField } from '../../shared/form-fields.js';
import { instant, longDate, price } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';

type LateCancellation = adminBookings.LateCancellation;

/** What a late cancellation's card needs from the element showing it. */
export interface LateCancellationHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  rejectForm(id: string): FormState;
  accept(item: LateCancellation, refund: boolean): void;
  reject(item: LateCancellation, form: HTMLFormElement): void;
}

/**
 * A day a family cancelled (or reported absent) after the deadline: who, which day, the price
 * at stake and their reason; accept with or without a refund, or refuse with a reason.
 */
export function renderLateCancellation(host: LateCancellationHost, item: LateCancellation): TemplateResult {
  const p = `lc-${item.bookingId}`;
  const who = `${item.child.firstName} ${item.child.lastName}`;
  const form = host.rejectForm(item.bookingId);
  return html`<li class="card">
    ${heading(host.headingLevel + 1, `${who} — ${item.activity.name}, ${longDate(item.date)}`, `${p}-title`)}
    <dl class="details">
      <dt>${msg('Foyer')}</dt>
      <dd>${item.household.name}</dd>
      <dt>${msg('Prix du jour')}</dt>
      <dd>${price(item.priceCents)}</dd>
      <dt>${msg('Demandé le')}</dt>
      <dd>${instant(item.requestedAt)}</dd>
      <dt>${msg('Motif donné par la famille')}</dt>
      <dd>${item.reason ?? '—'}</dd>
    </dl>
    <div class="actions">
      <button type="button" class="primary" @click=${() => host.accept(item, true)}>
        ${msg('Accepter et rembourser')}<span class="visually-hidden"> ${who}</span>
      </button>
      <button type="button" @click=${() => host.accept(item, false)}>
        ${msg('Accepter sans remboursement')}<span class="visually-hidden"> ${who}</span>
      </button>
    </div>
    <details>
      <summary>${msg('Refuser')}<span class="visually-hidden"> ${who}</span></summary>
      ${adminForm(
        form,
        host.renderRoot,
        {
          id: `${p}-reject`,
          label: msg(str`Refuser l'annulation de ${who}`),
          submit: msg("Refuser l'annulation"),
          onSubmit: (f) => host.reject(item, f),
        },
        textareaField('reason', msg('Motif du refus (la famille le lit)'), form.errors, { id: `${p}-reason`, required: true }),
      )}
    </details>
  </li>`;
}
