import { html, type TemplateResult } from 'lit';
import * as v from 'valibot';
import type { FieldErrors } from '../../shared/form-fields.js';

/**
 * A form's values as the contract expects them: a control named `guardian.email` fills
 * `{ guardian: { email } }`; empty optional controls are left out, number inputs give numbers
 * and checkboxes booleans.
 */
export function readForm(form: HTMLFormElement): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[name]')) {
    if (control.disabled) continue;
    let read: unknown;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') read = control.checked;
    else if (control instanceof HTMLInputElement && control.type === 'file') continue;
    // An empty required field is sent as '' so that the contract says it is required ("le nom
    // est obligatoire"); an empty optional one is left out.
    else if (control.value.trim() === '') {
      if (!control.required || control.type === 'number') continue;
      read = '';
    } else if (control instanceof HTMLInputElement && control.type === 'number') read = Number(control.value);
    else read = control.value;
    setPath(value, control.name.split('.'), read);
  }
  return compact(value) as Record<string, unknown>;
}

/** Lists lose the rows left empty (a child's row nobody filled): `[, {…}]` becomes `[{…}]`. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, compact(inner)]));
  return value;
}

function setPath(target: Record<string, unknown>, path: string[], read: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = read;
    return;
  }
  if (target[head] === undefined) target[head] = /^\d+$/.test(rest[0] ?? '') ? [] : {};
  setPath(target[head] as Record<string, unknown>, rest, read);
}

/**
 * Checks a form's values with the contract's own schema, before anything is sent: the errors
 * by field (the control's name, a dot path), in the contract's words, which name the field.
 */
export function checkForm<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
): { ok: true; output: v.InferOutput<S> } | { ok: false; errors: FieldErrors } {
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, output: result.output };
  const errors: FieldErrors = {};
  for (const issue of result.issues) errors[v.getDotPath(issue) ?? ''] ??= issue.message;
  return { ok: false, errors };
}

/** The first field with an error, to focus it: the form's own order, not the schema's. */
export function firstInvalid(form: ParentNode, errors: FieldErrors): HTMLElement | null {
  for (const control of form.querySelectorAll<HTMLElement>('[name]')) {
    if (errors[control.getAttribute('name') ?? '']) return control;
  }
  return null;
}

/** A field's label as the form shows it (without the required mark), to name it in a summary. */
function labelOf(root: ParentNode, name: string): string {
  const control = root.querySelector(`[name="${CSS.escape(name)}"]`);
  const label = control?.id ? root.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  // The label's own text, without its required mark and hint: its first text node (Lit puts a
  // comment marker before it, whose text is no label).
  const text = [...(label?.childNodes ?? [])].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
  return (text?.textContent ?? '').trim();
}

/**
 * A summary of a form's errors above it, which screen readers announce: each error with the
 * field's label, so that it reads on its own ("Adresse e-mail : n'est pas une adresse e-mail").
 */
export function errorSummary(root: ParentNode, errors: FieldErrors, title: string): TemplateResult {
  return html`<div class="message error" role="alert" tabindex="-1">
    <p><strong>${title}</strong></p>
    <ul>
      ${Object.entries(errors).map(([name, message]) => {
        const label = labelOf(root, name);
        return html`<li>${label ? `${label} : ${message}` : message}</li>`;
      })}
    </ul>
  </div>`;
}
