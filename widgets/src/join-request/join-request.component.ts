import { adminJoinRequests, type collectivity, FoyerError, type JoinRequestsNamespace, joinRequestsOf } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { checkForm, firstInvalid, readForm } from '../admin/shared/form.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FocusAfterRender } from '../shared/focus-after-render.js';
import { type FieldErrors, formStyles, inputField, requiredNotice, selectField, textareaField } from '../shared/form-fields.js';
import { FoyerElement } from '../shared/foyer-element.js';
import { heading } from '../shared/heading.js';
import type { LoadState } from '../shared/store.js';
import { renderJoinRequestList } from './join-request-list.js';

type JoinRequest = adminJoinRequests.JoinRequest;

/** The field errors of the API's refusal, by the form's control names (`children.0.firstName`). */
function refusedFields(error: unknown): FieldErrors {
  const found: FieldErrors = {};
  if (error instanceof FoyerError)
    for (const e of error.errors) if (e.path.startsWith('body.')) found[e.path.slice(5)] ??= e.message;
  return found;
}

/**
 * "Adhérer à une autre collectivité": a signed-in parent picks another town that uses Foyer,
 * gives their household's details and children, and sends the request to that town's agents;
 * « Mes demandes » follows each request (en attente, acceptée, refusée and why). Once a town
 * accepts, it joins the account's collectivities (the switcher lists it). Loaded on demand: the
 * collectivity switcher opens it as a dialog (`dialog`, `show()`), and a page may also place it
 * on its own.
 *
 * @summary Asks another collectivity to take the family in, and follows the requests.
 * @tagname foyer-join-request
 *
 * @csspart dialog - The dialog, with the `dialog` attribute.
 * @csspart form - The request's form.
 * @csspart submit - The button that sends the request.
 * @csspart result - The confirmation that the request was sent.
 * @csspart request - A request of « Mes demandes ».
 * @csspart status - A request's status ("en attente").
 *
 * @cssprop --foyer-color-success - Accepted requests (default `#18753c`).
 * @cssprop --foyer-color-pending - Pending requests (default `#a94400`).
 * @cssprop --foyer-color-danger - Errors and refused requests (default `#b3261e`).
 */
export class FoyerJoinRequest extends FoyerElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      dialog {
        width: min(40rem, calc(100vw - 2rem));
        max-height: calc(100vh - 2rem);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 1rem 1.25rem;
        color: inherit;
        background: var(--_surface);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.4);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      fieldset.child {
        margin-bottom: var(--_space);
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      ul.requests {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.requests li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--_border);
      }
      .town {
        font-weight: 600;
      }
      .status.pending {
        color: var(--_pending);
      }
      .status.accepted {
        color: var(--_success);
      }
      .status.refused,
      .reason {
        color: var(--_danger);
      }
      .reason {
        flex-basis: 100%;
      }
    `,
  ];

  /** Shows the element as a modal dialog, closed until {@link FoyerJoinRequest.show} opens it. */
  @property({ type: Boolean, reflect: true }) accessor dialog = false;

  /** @internal */
  @state() accessor towns: collectivity.PublicCollectivity[] = [];
  /** @internal */
  @state() accessor townsState: LoadState = 'idle';
  /** @internal */
  @state() accessor townsError: unknown = null;
  /** @internal */
  @state() accessor requests: JoinRequest[] = [];
  /** @internal */
  @state() accessor requestsState: LoadState = 'idle';
  /** @internal */
  @state() accessor requestsError: unknown = null;
  /** @internal The keys of the children's rows, in their order. */
  @state() accessor rows: number[] = [];
  /** @internal */
  @state() accessor errors: FieldErrors = {};
  /** @internal */
  @state() accessor formError: unknown = null;
  /** @internal */
  @state() accessor sending = false;
  /** @internal The town the last request went to. */
  @state() accessor sentTo = '';

  #join: JoinRequestsNamespace | undefined;
  #opener: HTMLElement | undefined;
  #loadedFor = '';
  #nextRow = 0;
  readonly #focus = new FocusAfterRender(this);

  /** The towns the account has no household in: where it can ask to join. */
  get #candidates(): collectivity.PublicCollectivity[] {
    const mine = new Set(this.store?.parentMemberships.map((m) => m.collectivity.slug));
    return this.towns.filter((t) => !mine.has(t.slug));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const store = this.store;
    const key = store?.signedIn ? (store.me?.account.id ?? '') : '';
    if (key === this.#loadedFor) return;
    this.#loadedFor = key;
    this.rows = [];
    this.errors = {};
    this.formError = null;
    this.sentTo = '';
    this.requests = [];
    this.requestsState = 'idle';
    if (store && key) {
      this.#join = joinRequestsOf(store.client);
      void this.#load();
    }
  }

  /**
   * Opens the dialog (with `dialog`) and moves the focus to its title; closing it gives the
   * focus back to `opener`, the button that opened it.
   */
  async show(opener?: HTMLElement): Promise<void> {
    this.#opener = opener;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>('#join-title')?.focus();
  }

  #close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  #closed(): void {
    this.#opener?.focus();
  }

  /** Reads the towns and the account's requests to each again (after an agent decided one). */
  async reload(): Promise<void> {
    await this.#load();
  }

  async #load(): Promise<void> {
    const join = this.#join;
    if (!join) return;
    this.townsState = 'loading';
    try {
      this.towns = (await join.collectivities()).collectivities;
      this.townsState = 'ready';
      this.townsError = null;
    } catch (error) {
      this.townsState = 'error';
      this.townsError = error;
      return;
    }
    await this.#loadRequests();
  }

  /** The account's requests, one call per town of this Foyer (the API lists them per collectivity). */
  async #loadRequests(): Promise<void> {
    const join = this.#join;
    if (!join) return;
    this.requestsState = 'loading';
    try {
      const lists = await Promise.all(this.towns.map((t) => join.list({ collectivity: t.slug })));
      this.requests = lists.flatMap((l) => l.joinRequests).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      this.requestsState = 'ready';
      this.requestsError = null;
    } catch (error) {
      this.requestsState = 'error';
      this.requestsError = error;
      return;
    }
    // A town that accepted since the account was read: the switcher lists it once it is read again.
    const mine = new Set(this.store?.parentMemberships.map((m) => m.collectivity.slug));
    if (this.requests.some((r) => r.status === 'accepted' && !mine.has(r.collectivity.slug))) {
      await this.store?.refreshAccount();
    }
  }

  #addChild(): void {
    const key = this.#nextRow++;
    this.rows = [...this.rows, key];
    this.#focus.request(`#child-${key}-firstName`);
  }

  #removeChild(key: number): void {
    const at = this.rows.indexOf(key);
    this.rows = this.rows.filter((k) => k !== key);
    this.errors = {};
    const next = this.rows[at] ?? this.rows[at - 1];
    this.#focus.request(next === undefined ? '#add-child' : `#child-${next}-firstName`);
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const join = this.#join;
    if (!join || this.sending) return;
    const form = event.target as HTMLFormElement;
    const { collectivity: slug, ...values } = readForm(form);
    const checked = checkForm(adminJoinRequests.JoinRequestInput, { children: [], ...values });
    const errors: FieldErrors = checked.ok ? {} : checked.errors;
    if (!slug) errors.collectivity = msg('Choisissez la commune.');
    this.formError = null;
    this.errors = errors;
    if (!checked.ok || !slug) {
      await this.updateComplete;
      firstInvalid(form, errors)?.focus();
      return;
    }
    this.sending = true;
    try {
      const sent = await join.create(checked.output, { collectivity: String(slug) });
      form.reset();
      this.rows = [];
      this.sentTo = sent.collectivity.name;
      this.#focus.request('#sent');
      void this.#loadRequests();
    } catch (error) {
      this.errors = refusedFields(error);
      this.formError = error;
      this.#focus.request('#form-error');
    } finally {
      this.sending = false;
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const store = this.store;
    if (!store?.signedIn) return nothing;
    const title = heading(this.headingLevel, msg('Adhérer à une autre collectivité'), 'join-title');
    const body = html`${this.#renderForm()}
    ${renderJoinRequestList(
      { requests: this.requests, state: this.requestsState, error: this.requestsError },
      this.headingLevel + 1,
    )}`;
    if (!this.dialog) return html`${title}${body}`;
    return html`<dialog part="dialog" aria-labelledby="join-title" @close=${this.#closed}>
      <div class="head">${title}<button type="button" id="close" @click=${this.#close}>${msg('Fermer')}</button></div>
      ${body}
    </dialog>`;
  }

  #renderForm(): TemplateResult {
    if (this.townsState === 'error') return html`<p class="message error" role="alert">${errorMessage(this.townsError)}</p>`;
    if (this.townsState !== 'ready') return html`<p class="muted" role="status">${msg('Chargement…')}</p>`;
    const towns = this.#candidates;
    const household = this.store?.parentMemberships.find((m) => m.collectivity.slug === this.store?.collectivity)?.household;
    return html`${
      this.sentTo
        ? html`<p class="message success" part="result" id="sent" role="status" tabindex="-1">
          ${msg(str`Demande envoyée à ${this.sentTo} : vous recevrez un e-mail quand elle aura été traitée.`)}
        </p>`
        : nothing
    }
      ${
        towns.length === 0
          ? html`<p class="muted">${msg('Votre compte est déjà lié à toutes les communes qui utilisent Foyer.')}</p>`
          : html`<form part="form" novalidate @submit=${this.#submit}>
            <p>${msg("Les agents de la commune choisie reçoivent votre demande et la traitent ; vous recevez un e-mail quand c'est fait.")}</p>
            ${requiredNotice()}
            ${
              this.formError
                ? html`<p class="message error" role="alert" id="form-error" tabindex="-1">${errorMessage(this.formError)}</p>`
                : nothing
            }
            ${selectField(
              'collectivity',
              msg('Commune'),
              this.errors,
              towns.map((t) => [t.slug, t.name]),
              { id: 'join-collectivity', required: true, placeholder: msg('Choisissez une commune') },
            )}
            ${inputField('householdName', msg('Nom du foyer'), this.errors, {
              required: true,
              maxlength: 200,
              value: household?.name ?? '',
            })}
            ${inputField('firstName', msg('Votre prénom'), this.errors, { required: true, autocomplete: 'given-name', maxlength: 100 })}
            ${inputField('lastName', msg('Votre nom'), this.errors, { required: true, autocomplete: 'family-name', maxlength: 100 })}
            ${inputField('phone', msg('Téléphone'), this.errors, { type: 'tel', autocomplete: 'tel', maxlength: 20 })}
            ${inputField('address', msg('Adresse'), this.errors, { autocomplete: 'street-address', maxlength: 300 })}
            ${this.#renderChildren()}
            ${textareaField('message', msg('Message aux agents'), this.errors, { maxlength: 2000 })}
            <div class="actions">
              <button type="submit" class="primary" part="submit" ?disabled=${this.sending}>
                ${this.sending ? msg('Envoi…') : msg('Envoyer la demande')}
              </button>
            </div>
          </form>`
      }`;
  }

  #renderChildren(): TemplateResult {
    return html`<fieldset>
      <legend>${msg('Enfants')}</legend>
      ${this.errors.children ? html`<p class="field-error" id="children-error">${this.errors.children}</p>` : nothing}
      ${repeat(
        this.rows,
        (key) => key,
        (key, i) => html`<fieldset class="child">
          <legend>${msg(str`Enfant ${i + 1}`)}</legend>
          ${inputField(`children.${i}.firstName`, msg('Prénom'), this.errors, { id: `child-${key}-firstName`, required: true, maxlength: 100 })}
          ${inputField(`children.${i}.lastName`, msg('Nom'), this.errors, { id: `child-${key}-lastName`, required: true, maxlength: 100 })}
          ${inputField(`children.${i}.birthDate`, msg('Date de naissance'), this.errors, {
            id: `child-${key}-birthDate`,
            type: 'date',
            required: true,
          })}
          <button type="button" class="link" @click=${() => this.#removeChild(key)}>
            ${msg(str`Retirer l'enfant ${i + 1}`)}
          </button>
        </fieldset>`,
      )}
      <button type="button" id="add-child" @click=${this.#addChild}>${msg('Ajouter un enfant')}</button>
    </fieldset>`;
  }
}
