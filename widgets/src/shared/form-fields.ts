import { FoyerError } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** Error messages by field name (a control's `name`, also the first part of its `id`). */
export type FieldErrors = Record<string, string>;

export interface FieldOptions {
  /** The control's id when two forms of the element use the same name; `name` by default. */
  id?: string;
  type?: string;
  autocomplete?: string;
  hint?: string;
  value?: string;
  required?: boolean;
  maxlength?: number;
  inputmode?: string;
}

/** The ids a control is described by: its hint, then its error. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** The asterisk of a required field; the control's `required` is what screen readers announce. */
export const requiredMark = html`<span class="required" aria-hidden="true"> *</span>`;

/** "Les champs marqués d'un astérisque (*) sont obligatoires.", above a form with required fields. */
export function requiredNotice(): TemplateResult {
  return html`<p class="hint">${msg("Les champs marqués d'un astérisque (*) sont obligatoires.")}</p>`;
}

function labelOf(id: string, label: string, options: FieldOptions): TemplateResult {
  return html`<label for=${id}
    >${label}${options.required ? requiredMark : nothing}${
      options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing
    }</label
  >`;
}

function errorOf(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing;
}

/** A labelled input, its hint and its error tied to it (`aria-describedby`, `aria-invalid`). */
export function inputField(name: string, label: string, errors: FieldErrors, options: FieldOptions = {}): TemplateResult {
  const id = options.id ?? name;
  const error = errors[name];
  return html`<div class="field">
    ${labelOf(id, label, options)}
    <input
      id=${id}
      name=${name}
      type=${options.type ?? 'text'}
      autocomplete=${options.autocomplete ?? 'off'}
      inputmode=${ifDefined(options.inputmode)}
      maxlength=${ifDefined(options.maxlength)}
      ?required=${options.required}
      .value=${options.value ?? ''}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(id, options.hint, error))}
    />
    ${errorOf(id, error)}
  </div>`;
}

/** A labelled multi-line text field. */
export function textareaField(name: string, label: string, errors: FieldErrors, options: FieldOptions = {}): TemplateResult {
  const id = options.id ?? name;
  const error = errors[name];
  return html`<div class="field">
    ${labelOf(id, label, options)}
    <textarea
      id=${id}
      name=${name}
      rows="5"
      maxlength=${ifDefined(options.maxlength)}
      ?required=${options.required}
      .value=${options.value ?? ''}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(id, options.hint, error))}
    ></textarea>
    ${errorOf(id, error)}
  </div>`;
}

/** A labelled picker; `options` are `[value, label]`, the first one a placeholder when `placeholder` is given. */
export function selectField(
  name: string,
  label: string,
  errors: FieldErrors,
  choices: [string, string][],
  options: FieldOptions & { placeholder?: string } = {},
): TemplateResult {
  const id = options.id ?? name;
  const error = errors[name];
  return html`<div class="field">
    ${labelOf(id, label, options)}
    <select
      id=${id}
      name=${name}
      ?required=${options.required}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(id, options.hint, error))}
    >
      ${options.placeholder === undefined ? nothing : html`<option value="">${options.placeholder}</option>`}
      ${choices.map(([value, text]) => html`<option value=${value} ?selected=${value === options.value}>${text}</option>`)}
    </select>
    ${errorOf(id, error)}
  </div>`;
}

/** Radio buttons in a fieldset whose legend is the question. */
export function radioField(
  name: string,
  label: string,
  errors: FieldErrors,
  choices: string[],
  options: FieldOptions = {},
): TemplateResult {
  const id = options.id ?? name;
  const error = errors[name];
  return html`<fieldset
    class="field"
    id=${id}
    tabindex="-1"
    aria-invalid=${error ? 'true' : 'false'}
    aria-describedby=${ifDefined(describedBy(id, options.hint, error))}
  >
    <legend>${label}${options.required ? requiredMark : nothing}</legend>
    ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
    ${choices.map(
      (choice, i) => html`<div class="choice">
        <input
          type="radio"
          id="${id}-${i}"
          name=${name}
          .value=${choice}
          ?required=${options.required}
          ?checked=${choice === options.value}
        />
        <label for="${id}-${i}">${choice}</label>
      </div>`,
    )}
    ${errorOf(id, error)}
  </fieldset>`;
}

/**
 * The field errors of a refusal of the API (`validation_failed` and kin), by the name the form
 * gives the field: `body.answers.person` is `person` with `prefix` `body.answers.`.
 */
export function apiFieldErrors(error: unknown, prefix = 'body.'): FieldErrors {
  if (!(error instanceof FoyerError)) return {};
  const found: FieldErrors = {};
  for (const { path, message } of error.errors) {
    if (path.startsWith(prefix)) found[path.slice(prefix.length).split('.')[0] ?? ''] ??= message;
  }
  return found;
}

/** Text areas, fieldsets and radio buttons, file inputs and progress bars, beside the base styles. */
export const formStyles = css`
  textarea {
    display: block;
    width: 100%;
    max-width: 40rem;
    margin-top: 0.25rem;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font: inherit;
    color: inherit;
    resize: vertical;
  }
  textarea[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  fieldset {
    min-width: 0;
    margin: 0 0 var(--_space);
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
  }
  .choice label {
    font-weight: normal;
  }
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  input[type='file'] {
    display: block;
    max-width: 100%;
    margin-top: 0.25rem;
  }
  .required {
    color: var(--_danger);
  }
  progress {
    width: 10rem;
    max-width: 100%;
    height: 0.75rem;
    accent-color: var(--_primary);
  }
  dl.details {
    display: grid;
    grid-template-columns: minmax(8rem, max-content) 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 var(--_space);
  }
  dl.details dt {
    font-weight: 600;
  }
  dl.details dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    dl.details {
      grid-template-columns: 1fr;
    }
    dl.details dd {
      margin-bottom: 0.5rem;
    }
  }
`;
