import type { household, requests } from '@foyer/sdk';
import { FoyerError } from '@foyer/sdk';
import type { ReactiveControllerHost } from 'lit';
import { apiFieldErrors, type FieldErrors } from '../shared/form-fields.js';
import type { FoyerStore } from '../shared/store.js';

/** What the profile's tabs share with the element: the store, the household, and a few actions. */
export interface ProfileHost extends ReactiveControllerHost {
  readonly store: FoyerStore | undefined;
  readonly headingLevel: number;
  household: household.Household | null;
  /** Opens the request form on the category with `effect` (an address, an allergy, a pick-up person). */
  openRequest(effect: requests.RequestEffect, childId?: string): void;
  /** Focuses what `selector` finds once the element has rendered. */
  focusAfterRender(selector: string): void;
}

/** A form's state: busy while the API works, its errors by field, and the refusal as a whole. */
export interface FormState {
  busy: boolean;
  errors: FieldErrors;
  error: unknown;
}

export const idleForm = (): FormState => ({ busy: false, errors: {}, error: null });

/** The values of a form's fields, trimmed. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value.trim();
  return values;
}

/**
 * Runs a form's call: `busy` meanwhile, then the API's field errors beside their fields and its
 * message above the form (focused). Resolves to true when the call succeeded.
 */
export async function runForm(host: ProfileHost, state: FormState, formId: string, work: () => Promise<void>): Promise<boolean> {
  state.busy = true;
  state.error = null;
  host.requestUpdate();
  try {
    await work();
    state.errors = {};
    return true;
  } catch (error) {
    state.error = error;
    state.errors = apiFieldErrors(error);
    if (error instanceof FoyerError && error.code === 'email_is_login') state.errors.email ??= error.message;
    host.focusAfterRender(`#${formId} [role="alert"]`);
    return false;
  } finally {
    state.busy = false;
    host.requestUpdate();
  }
}

/** Checks what the browser can before calling the API: the errors found, the first one focused. */
export function checkForm(host: ProfileHost, state: FormState, formId: string, errors: Record<string, string | false>): boolean {
  const found = Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
  state.errors = found;
  state.error = null;
  host.requestUpdate();
  const first = Object.keys(found)[0];
  if (first) host.focusAfterRender(`#${formId} [name="${first}"]`);
  return !first;
}
