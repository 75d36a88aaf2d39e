import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { formStyles } from '../../shared/form-fields.js';
import { FoyerElement } from '../../shared/foyer-element.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FormState } from '../shared/form-state.js';
import { tableStyles } from '../shared/table.js';
import { type CreateHost, createSchema, renderCreateHousehold } from './household-create.js';

type View = 'list' | 'create';

/**
 * **Familles**: the collectivity's households — search and open one — and a new household with
 * its first guardian (invited by email) and its children, which is what makes a new family able
 * to book. Agents and admins.
 *
 * @summary The back office's households: search, list, open, create.
 * @tagname foyer-admin-households
 *
 * @fires foyer-household-created - A household was created; `detail.household`, `detail.invitation`.
 */
export class FoyerAdminHouseholds extends FoyerElement implements CreateHost {
  static override styles = [baseStyles, formStyles, tableStyles, adminStyles];

  /** @internal */
  @state() accessor view: View = 'list';
  /** @internal */
  @state() accessor created: { name: string; email: string } | null = null;
  /** @internal */
  childRows = 1;
  /** @internal */
  readonly createForm = new FormState(this);
  #focus: string | null = null;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focus) {
      this.renderRoot.querySelector<HTMLElement>(this.#focus)?.focus();
      this.#focus = null;
    }
  }

  #go(view: View, focus: string): void {
    this.view = view;
    this.#focus = focus;
  }

  /** @internal */
  createHousehold(form: HTMLFormElement): void {
    const store = this.store;
    if (!store) return;
    void this.createForm
      .submit(form, createSchema, (body) => store.client.admin.households.create(body, store.callOptions))
      .then((created) => {
        if (!created) return;
        this.created = { name: created.household.name, email: created.invitation.email };
        this.childRows = 1;
        this.#go('list', '[role="status"].success');
        this.dispatchEvent(
          new CustomEvent('foyer-household-created', {
            detail: { household: created.household, invitation: created.invitation },
            bubbles: true,
            composed: true,
          }),
        );
      });
  }

  /** @internal */
  cancelCreate(): void {
    this.createForm.reset();
    this.#go('list', '#new-household');
  }

  protected override render(): TemplateResult {
    if (!this.store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    if (this.view === 'create') return renderCreateHousehold(this);
    return html`<div class="head">
        ${heading(this.headingLevel, msg('Familles'))}
        <button
          id="new-household"
          class="primary"
          type="button"
          @click=${() => {
            this.created = null;
            this.#go('create', 'input[name="name"]');
          }}
        >
          ${msg('Nouvelle famille')}
        </button>
      </div>
      ${
        this.created
          ? html`<p class="message success" role="status" tabindex="-1">
            ${msg(str`La famille « ${this.created.name} » est créée : ${this.created.email} a reçu une invitation à activer son compte.`)}
          </p>`
          : nothing
      }`;
  }
}
