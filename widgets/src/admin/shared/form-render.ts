import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../../shared/errors.js';
import { errorSummary } from './form.js';
import type { FormState } from './form-state.js';

/**
 * A back-office form: the errors' summary (the contract's or the API's), the fields, and the
 * submit button that says when it is busy, with a cancel button beside it when `onCancel` is
 * given. `onSubmit` receives the form element.
 */
export function adminForm(
  state: FormState,
  root: ParentNode,
  options: {
    id: string;
    label: string;
    submit: string;
    busy?: string;
    onSubmit: (form: HTMLFormElement) => void;
    onCancel?: () => void;
  },
  fields: TemplateResult,
): TemplateResult {
  const errors = state.errors;
  return html`<form
    id=${options.id}
    novalidate
    aria-label=${options.label}
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      options.onSubmit(event.target as HTMLFormElement);
    }}
  >
    ${
      Object.keys(errors).length > 0
        ? errorSummary(root, errors, msg('Le formulaire contient des erreurs :'))
        : state.error
          ? html`<p class="message error" role="alert" tabindex="-1">${errorMessage(state.error)}</p>`
          : nothing
    }
    ${fields}
    <div class="actions">
      <button class="primary" type="submit" ?disabled=${state.busy}>${state.busy ? (options.busy ?? msg('Envoi…')) : options.submit}</button>
      ${options.onCancel ? html`<button type="button" @click=${options.onCancel}>${msg('Annuler')}</button>` : nothing}
    </div>
  </form>`;
}
