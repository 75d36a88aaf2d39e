import { FoyerError } from '@foyer/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as v from 'valibot';
import type { FieldErrors } from '../../shared/form-fields.js';
import { checkForm, firstInvalid, readForm } from './form.js';

/** The API's field errors (`body.guardian.email`) by the form's control names (`guardian.email`). */
function apiErrors(error: unknown): FieldErrors {
  if (!(error instanceof FoyerError)) return {};
  const found: FieldErrors = {};
  for (const { path, message } of error.errors) found[path.replace(/^(body|query)\./, '')] ??= message;
  return found;
}

/**
 * What a back-office form goes through: its values checked with the contract's schema before
 * sending, then the API's answer; the errors by field, the first invalid field (or the summary)
 * focused, a busy state while the call runs.
 */
export class FormState implements ReactiveController {
  errors: FieldErrors = {};
  error: unknown = null;
  busy = false;
  #focus: 'field' | 'summary' | null = null;
  /** The form last sent: focus stays in it (several forms of a page share field names). */
  #form: HTMLFormElement | null = null;

  constructor(private readonly host: ReactiveControllerHost & { renderRoot: ParentNode }) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostUpdated(): void {
    if (!this.#focus) return;
    const root: ParentNode = this.#form?.isConnected ? this.#form : this.host.renderRoot;
    const target = this.#focus === 'field' ? firstInvalid(root, this.errors) : null;
    (target ?? root.querySelector<HTMLElement>('[role="alert"]'))?.focus();
    this.#focus = null;
  }

  reset(): void {
    this.errors = {};
    this.error = null;
    this.busy = false;
    this.host.requestUpdate();
  }

  /**
   * Reads `form`, checks it with `schema` (with `adjust` applied first, for values a form
   * cannot say as they are: lists, nested choices), and sends the result with `send`.
   * Resolves to what `send` answered, or `undefined` when the form or the API refused.
   */
  async submit<S extends v.GenericSchema, R>(
    form: HTMLFormElement,
    schema: S,
    send: (body: v.InferOutput<S>) => Promise<R>,
    adjust: (value: Record<string, unknown>) => unknown = (value) => value,
  ): Promise<R | undefined> {
    this.#form = form;
    const checked = checkForm(schema, adjust(readForm(form)));
    if (!checked.ok) {
      this.errors = checked.errors;
      this.error = null;
      this.#focus = 'field';
      this.host.requestUpdate();
      return undefined;
    }
    this.errors = {};
    this.error = null;
    this.busy = true;
    this.host.requestUpdate();
    try {
      return await send(checked.output);
    } catch (error) {
      this.error = error;
      this.errors = apiErrors(error);
      this.#focus = Object.keys(this.errors).length > 0 ? 'field' : 'summary';
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
