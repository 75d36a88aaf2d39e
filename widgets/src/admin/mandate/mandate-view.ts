import type { adminDirectDebit } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { inputField } from '../../shared/form-fields.js';
import { instant, longDate } from '../../shared/format.js';
import { heading } from '../../shared/heading.js';
import { adminForm } from '../shared/form-render.js';
import type { FormState } from '../shared/form-state.js';

export type HouseholdMandates = adminDirectDebit.HouseholdMandates;

/** What the « Prélèvement » section needs from the element showing it. */
export interface MandateHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  readonly mandates: HouseholdMandates | null;
  readonly mandateForm: FormState;
  /** What the IBAN typed so far is worth, said while typing (empty before anything is typed). */
  readonly ibanCheck: { valid: boolean; message: string };
  checkIban(value: string): void;
  recordMandate(form: HTMLFormElement): void;
  revokeMandate(): void;
  revealIban(): void;
}

function mandateDetails(host: MandateHost, mandate: adminDirectDebit.Mandate): TemplateResult {
  return html`<dl class="details">
      <dt>${msg('Référence unique de mandat (RUM)')}</dt>
      <dd>${mandate.reference}</dd>
      <dt>${msg('Titulaire du compte')}</dt>
      <dd>${mandate.accountHolder}</dd>
      <dt>${msg('IBAN')}</dt>
      <dd>
        <span class="iban" id="mandate-iban" tabindex="-1">${mandate.iban}</span>
        ${
          mandate.ibanRevealed
            ? nothing
            : html`<button type="button" class="link" id="reveal-iban" @click=${() => host.revealIban()}>
                ${msg("Afficher l'IBAN")}
              </button>`
        }
      </dd>
      <dt>${msg('BIC')}</dt>
      <dd>${mandate.bic ?? '—'}</dd>
      <dt>${msg('Date de signature')}</dt>
      <dd>${longDate(mandate.signedOn)}</dd>
    </dl>
    <details>
      <summary>${msg('Révoquer le mandat')}</summary>
      <button type="button" id="revoke-mandate" @click=${() => host.revokeMandate()}>
        ${msg('Révoquer le mandat')}
      </button>
    </details>`;
}

function mandateForm(host: MandateHost): TemplateResult {
  const state = host.mandateForm;
  const errors = state.errors;
  const live = host.ibanCheck;
  return html`<details ?open=${Object.keys(errors).length > 0}>
    <summary>${msg('Enregistrer un mandat')}</summary>
    ${adminForm(
      state,
      host.renderRoot,
      {
        id: 'mandate-form',
        label: msg('Enregistrer un mandat'),
        submit: msg('Enregistrer'),
        onSubmit: (f) => host.recordMandate(f),
      },
      html`<div class="row" @input=${(e: Event) => {
        const target = e.target as HTMLInputElement;
        if (target.name === 'iban') host.checkIban(target.value);
      }}>
          ${inputField('iban', msg('IBAN'), errors, {
            id: 'm-iban',
            required: true,
            autocomplete: 'off',
          })}
          ${inputField('bic', msg('BIC'), errors, { id: 'm-bic' })}
        </div>
        <p class=${live.message ? (live.valid ? 'hint live' : 'hint live warn') : 'visually-hidden'} id="m-iban-live" aria-live="polite">
          ${live.message}
        </p>
        <div class="row">
          ${inputField('accountHolder', msg('Titulaire du compte'), errors, { id: 'm-holder', required: true })}
          ${inputField('reference', msg('Référence unique de mandat (RUM)'), errors, {
            id: 'm-reference',
            required: true,
            maxlength: 35,
          })}
          ${inputField('signedOn', msg('Date de signature'), errors, { id: 'm-signedOn', type: 'date', required: true })}
        </div>`,
    )}
  </details>`;
}

/** The household's SEPA mandate: the one in force (IBAN masked) or a form to record one, and the revoked ones. */
export function renderMandate(host: MandateHost, notice: string, loadError: string): TemplateResult {
  const mandates = host.mandates;
  return html`<section aria-labelledby="mandate-title">
    ${heading(host.headingLevel, msg('Prélèvement'), 'mandate-title')}
    <p class=${notice ? 'message success' : 'visually-hidden'} role="status">${notice}</p>
    ${
      mandates === null
        ? loadError
          ? html`<p class="message error" role="alert">${loadError}</p>`
          : html`<p class="muted">${msg('Chargement…')}</p>`
        : mandates.mandate
          ? mandateDetails(host, mandates.mandate)
          : html`<p>${msg('Aucun mandat en vigueur.')}</p>
              ${mandateForm(host)}`
    }
    ${
      mandates && mandates.revoked.length > 0
        ? html`<details>
          <summary>${msg(str`Mandats révoqués (${mandates.revoked.length})`)}</summary>
          <ul>
            ${mandates.revoked.map((m) => html`<li>${m.reference} — ${m.iban} — ${instant(m.revokedAt ?? '')}</li>`)}
          </ul>
        </details>`
        : nothing
    }
  </section>`;
}
