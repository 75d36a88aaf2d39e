import { adminHouseholds } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../../shared/errors.js';
import { inputField, requiredNotice } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { errorSummary } from '../shared/form.js';
import type { FormState } from '../shared/form-state.js';

/** What the create form needs from the element showing it. */
export interface CreateHost {
  readonly headingLevel: number;
  readonly renderRoot: ParentNode;
  readonly createForm: FormState;
  /** How many children rows the form shows. */
  childRows: number;
  requestUpdate(): void;
  /** Sends the form; the element says what happened next. */
  createHousehold(form: HTMLFormElement): void;
  cancelCreate(): void;
}

/** The children rows of the form are `children.0.firstName`…: the schema reads them as a list. */
function childFields(host: CreateHost, index: number): TemplateResult {
  const errors = host.createForm.errors;
  const p = `children.${index}`;
  return html`<fieldset class="child">
    <legend>${msg('Enfant')} ${index + 1}</legend>
    <div class="row">
      ${inputField(`${p}.firstName`, msg('Prénom'), errors, { required: true, autocomplete: 'off' })}
      ${inputField(`${p}.lastName`, msg('Nom'), errors, { required: true })}
      ${inputField(`${p}.birthDate`, msg('Date de naissance'), errors, { type: 'date', required: true })}
      ${inputField(`${p}.school`, msg('École'), errors)}
      ${inputField(`${p}.schoolClass`, msg('Classe'), errors)}
    </div>
  </fieldset>`;
}

/**
 * **Nouvelle famille**: the household, its first guardian (invited by email to activate their
 * account) and its children, checked with the contract's `CreateHouseholdBody`.
 */
export function renderCreateHousehold(host: CreateHost): TemplateResult {
  const state = host.createForm;
  const errors = state.errors;
  return html`<form
    novalidate
    aria-labelledby="create-title"
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      host.createHousehold(event.target as HTMLFormElement);
    }}
  >
    ${heading(host.headingLevel, msg('Nouvelle famille'), 'create-title')}
    ${requiredNotice()}
    ${
      Object.keys(errors).length > 0
        ? errorSummary(host.renderRoot, errors, msg('Le formulaire contient des erreurs :'))
        : state.error
          ? errorSummary(host.renderRoot, { '': errorMessage(state.error) }, msg("La famille n'a pas été créée :"))
          : nothing
    }
    <fieldset>
      <legend>${msg('Foyer')}</legend>
      <div class="row">
        ${inputField('name', msg('Nom du foyer'), errors, { required: true, hint: msg('Par exemple « Famille Martin »') })}
        ${inputField('familyQuotient', msg('Quotient familial'), errors, { type: 'number', inputmode: 'numeric' })}
        ${inputField('department', msg('Département'), errors, { hint: msg('Deux chiffres, 2A, 2B ou 97x') })}
      </div>
      <div class="choice">
        <input type="checkbox" id="resident" name="resident" checked />
        <label for="resident">${msg('Réside dans la commune')}</label>
      </div>
    </fieldset>
    <fieldset>
      <legend>${msg('Premier responsable (invité par e-mail)')}</legend>
      <div class="row">
        ${inputField('guardian.firstName', msg('Prénom'), errors, { id: 'guardian-firstName', required: true })}
        ${inputField('guardian.lastName', msg('Nom'), errors, { id: 'guardian-lastName', required: true })}
        ${inputField('guardian.email', msg('Adresse e-mail'), errors, { id: 'guardian-email', type: 'email', required: true })}
        ${inputField('guardian.phone', msg('Téléphone'), errors, { id: 'guardian-phone', type: 'tel' })}
      </div>
    </fieldset>
    ${Array.from({ length: host.childRows }, (_, i) => childFields(host, i))}
    <p>
      <button
        type="button"
        @click=${() => {
          host.childRows += 1;
          host.requestUpdate();
        }}
      >
        ${msg('Ajouter un enfant')}
      </button>
    </p>
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${state.busy}>
        ${state.busy ? msg('Création…') : msg('Créer la famille et inviter le responsable')}
      </button>
      <button type="button" class="link" @click=${() => host.cancelCreate()}>${msg('Annuler')}</button>
    </div>
  </form>`;
}

/** The schema the form is checked with: the contract's own. */
export const createSchema = adminHouseholds.CreateHouseholdBody;
