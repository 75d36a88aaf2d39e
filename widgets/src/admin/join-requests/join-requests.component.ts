import { type adminFamilies, adminJoinRequests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { errorMessage } from '../../shared/errors.js';
import { FocusAfterRender } from '../../shared/focus-after-render.js';
import { formStyles } from '../../shared/form-fields.js';
import { heading } from '../../shared/heading.js';
import { adminStyles } from '../shared/admin.styles.js';
import { FoyerAdminElement } from '../shared/admin-element.js';
import { FormState } from '../shared/form-state.js';
import { tableStyles } from '../shared/table.js';
import { type CardHost, renderJoinRequest } from './join-request-card.js';

type JoinRequest = adminJoinRequests.JoinRequest;
type Status = JoinRequest['status'] | '';

/**
 * **Demandes d'adhésion**: families of another town asking to join this one. Accept by creating
 * their household from the request, or by linking an existing household (found by a search);
 * refuse with a reason the family reads. Agents and admins.
 *
 * @summary The back office's join requests: accept (create or link) or refuse.
 * @tagname foyer-admin-join-requests
 */
export class FoyerAdminJoinRequests extends FoyerAdminElement implements CardHost {
  static override styles = [baseStyles, formStyles, tableStyles, adminStyles];

  /** @internal */
  @state() accessor status: Status = 'pending';
  /** @internal */
  @state() accessor requests: JoinRequest[] = [];
  /** @internal */
  @state() accessor listState: 'loading' | 'ready' | 'error' = 'loading';
  /** @internal */
  @state() accessor error: unknown = null;
  /** @internal */
  @state() accessor notice = '';
  readonly #refuseForms = new Map<string, FormState>();
  readonly #matches = new Map<string, adminFamilies.HouseholdSummary[]>();
  readonly #focus = new FocusAfterRender(this);

  protected override load(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    this.listState = 'loading';
    try {
      const query = this.status ? { status: this.status } : {};
      this.requests = (await admin.joinRequests.list(query, this.callOptions)).joinRequests;
      this.listState = 'ready';
    } catch (error) {
      this.error = error;
      this.listState = 'error';
    }
  }

  /** @internal */
  refuseForm(id: string): FormState {
    let form = this.#refuseForms.get(id);
    if (!form) {
      form = new FormState(this);
      this.#refuseForms.set(id, form);
    }
    return form;
  }

  /** @internal */
  householdMatches(id: string): adminFamilies.HouseholdSummary[] {
    return this.#matches.get(id) ?? [];
  }

  /** @internal */
  searchHouseholds(id: string, q: string): void {
    const admin = this.admin;
    if (!admin) return;
    void admin.households.list({ q: q.trim(), limit: '10' }, this.callOptions).then(
      (page) => {
        this.#matches.set(id, page.items);
        this.notice = page.items.length > 0 ? msg(str`${page.items.length} foyer(s) trouvé(s).`) : msg('Aucun foyer trouvé.');
      },
      (error: unknown) => {
        this.error = error;
      },
    );
  }

  #decided(notice: string): void {
    this.notice = notice;
    this.error = null;
    this.#focus.request('.notice');
    void this.#load();
  }

  /** @internal */
  accept(request: JoinRequest, householdId: string | undefined): void {
    const admin = this.admin;
    if (!admin) return;
    admin.joinRequests.accept(request.id, householdId ? { householdId } : {}, this.callOptions).then(
      () => this.#decided(msg(str`Demande de ${request.householdName} acceptée : la famille voit désormais la collectivité.`)),
      (error: unknown) => {
        this.error = error;
      },
    );
  }

  /** @internal */
  refuse(request: JoinRequest, form: HTMLFormElement): void {
    const admin = this.admin;
    if (!admin) return;
    void this.refuseForm(request.id)
      .submit(form, adminJoinRequests.RefuseJoinRequest, (body) => admin.joinRequests.refuse(request.id, body, this.callOptions))
      .then((refused) => {
        if (refused) this.#decided(msg(str`Demande de ${request.householdName} refusée : la famille reçoit le motif.`));
      });
  }

  protected override render(): TemplateResult {
    if (!this.store) return this.noProvider();
    const statuses: [Status, string][] = [
      ['pending', msg('En attente')],
      ['accepted', msg('Acceptées')],
      ['refused', msg('Refusées')],
      ['', msg('Toutes')],
    ];
    return html`${heading(this.headingLevel, msg("Demandes d'adhésion"))}
      <p class=${this.notice ? 'message success notice' : 'visually-hidden notice'} role="status" tabindex="-1">${this.notice}</p>
      ${this.error ? html`<p class="message error" role="alert">${errorMessage(this.error)}</p>` : nothing}
      <div class="toolbar">
        <div class="field">
          <label for="status">${msg('Afficher')}</label>
          <select
            id="status"
            @change=${(e: Event) => {
              this.status = (e.target as HTMLSelectElement).value as Status;
              void this.#load();
            }}
          >
            ${statuses.map(([value, label]) => html`<option value=${value} ?selected=${value === this.status}>${label}</option>`)}
          </select>
        </div>
      </div>
      ${
        this.requests.length === 0
          ? html`<p class="muted">${this.listState === 'loading' ? msg('Chargement…') : msg('Aucune demande.')}</p>`
          : html`<ul class="cards" aria-busy=${this.listState === 'loading' ? 'true' : 'false'}>
            ${this.requests.map((r) => renderJoinRequest(this, r))}
          </ul>`
      }`;
  }
}
