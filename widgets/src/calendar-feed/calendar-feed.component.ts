import { calendarFeed } from '@foyer/sdk/contract';
import { msg, str } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FoyerElement } from '../shared/foyer-element.js';

type Status = { active: boolean; createdAt: string | null };
type Created = { url: string; webcalUrl: string; createdAt: string };

/**
 * "Ajouter à mon agenda": subscribes the parent's calendar app (Apple, Google, Outlook) to the
 * household's booked days. The secret address is shown once, when created (the API keeps only
 * its hash): with a `webcal://` link for a one-tap subscription and a button to copy it.
 *
 * @summary Adds the children's booked days to the parent's own calendar.
 * @tagname foyer-calendar-feed
 *
 * @csspart toggle - The "Ajouter à mon agenda" button.
 * @csspart panel - The panel it opens.
 */
export class FoyerCalendarFeed extends FoyerElement {
  static override styles = [
    baseStyles,
    css`
      .panel {
        margin-top: 0.5rem;
        padding: 0.75rem;
        border: 1px solid var(--foyer-color-border, #767676);
        border-radius: var(--foyer-radius, 0.375rem);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      a.subscribe {
        display: inline-flex;
        align-items: center;
        min-height: 2.75rem;
      }
    `,
  ];

  @state() accessor open = false;
  @state() accessor status: Status | undefined;
  @state() accessor created: Created | undefined;
  @state() accessor busy = false;
  @state() accessor error = '';
  @state() accessor notice = '';

  async #call<T>(run: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = '';
    try {
      return await run();
    } catch (err) {
      this.error = errorMessage(err);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async #toggle(): Promise<void> {
    this.open = !this.open;
    const store = this.store;
    if (!this.open || !store) return;
    this.notice = '';
    this.status = await this.#call(() => store.client.method(calendarFeed.getCalendarFeed)(store.callOptions));
  }

  async #create(): Promise<void> {
    const store = this.store;
    if (!store) return;
    const created = await this.#call(() => store.client.method(calendarFeed.createCalendarFeed)(store.callOptions));
    if (!created) return;
    this.created = created;
    this.status = { active: true, createdAt: created.createdAt };
    this.notice = msg("Lien d'agenda créé.");
  }

  async #revoke(): Promise<void> {
    const store = this.store;
    if (!store) return;
    const done = await this.#call(async () => {
      await store.client.method(calendarFeed.revokeCalendarFeed)(store.callOptions);
      return true;
    });
    if (!done) return;
    this.created = undefined;
    this.status = { active: false, createdAt: null };
    this.notice = msg("Lien d'agenda désactivé : les agendas abonnés ne reçoivent plus vos réservations.");
  }

  async #copy(): Promise<void> {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created.url);
      this.notice = msg('Lien copié.');
    } catch {
      // No clipboard (an insecure page, a refused permission): the address stays selectable.
      (this.renderRoot.querySelector('#feed-url') as HTMLInputElement | null)?.select();
      this.notice = msg('Copiez le lien sélectionné (Ctrl+C).');
    }
  }

  #renderCreated(created: Created): TemplateResult {
    return html`<p>${msg('Ouvrez ce lien sur votre téléphone ou votre ordinateur pour vous abonner :')}</p>
      <p class="actions">
        <a class="subscribe" href=${created.webcalUrl}>${msg("S'abonner dans mon agenda")}</a>
      </p>
      <label for="feed-url">${msg("Ou copiez l'adresse de l'agenda (Google Agenda : « À partir de l'URL ») :")}</label>
      <div class="actions">
        <input id="feed-url" type="url" readonly .value=${created.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" @click=${this.#copy}>${msg('Copier le lien')}</button>
      </div>
      <p class="muted">${msg("Gardez ce lien pour vous : il donne accès aux jours réservés de vos enfants. Il n'est affiché qu'une fois.")}</p>`;
  }

  #renderPanel(): TemplateResult {
    const status = this.status;
    let body: TemplateResult | typeof nothing = nothing;
    if (this.created) body = this.#renderCreated(this.created);
    else if (status?.active && status.createdAt) {
      const since = new Date(status.createdAt).toLocaleDateString(document.documentElement.lang || 'fr');
      body = html`<p>
        ${msg(str`Un lien d'agenda est actif depuis le ${since}. Il n'est affiché qu'à sa création : pour l'ajouter à un autre agenda, créez-en un nouveau (l'ancien cessera de fonctionner).`)}
      </p>`;
    } else if (status) {
      body = html`<p>${msg("Les jours réservés de vos enfants s'afficheront dans votre agenda (Apple, Google, Outlook) et s'y mettront à jour.")}</p>`;
    }
    return html`<div class="panel" id="feed-panel" part="panel">
      ${body}
      ${
        status
          ? html`<div class="actions">
              <button type="button" class="primary" ?disabled=${this.busy} @click=${this.#create}>
                ${status.active ? msg('Créer un nouveau lien') : msg("Créer mon lien d'agenda")}
              </button>
              ${status.active ? html`<button type="button" class="revoke" ?disabled=${this.busy} @click=${this.#revoke}>${msg('Désactiver le lien')}</button>` : nothing}
            </div>`
          : nothing
      }
      ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.store?.signedIn) return nothing;
    return html`<button type="button" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="feed-panel" @click=${this.#toggle}>
        ${msg('Ajouter à mon agenda')}
      </button>
      ${this.open ? this.#renderPanel() : nothing}
      <p class="status" role="status">${this.notice}</p>`;
  }
}
