import type { household, requests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FoyerRequestSentEvent } from '../events/request-sent.js';
import '../request-form/request-form.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FocusAfterRender } from '../shared/focus-after-render.js';
import { formStyles } from '../shared/form-fields.js';
import { FoyerElement } from '../shared/foyer-element.js';
import { heading } from '../shared/heading.js';
import type { LoadState, StoreTopic } from '../shared/store.js';
import { renderTabList, renderTabPanels, type TabsModel, tabStyles } from '../shared/tabs.js';
import { dropParam, readParam } from '../shared/url-params.js';
import { AccountPanel } from './account-panel.js';
import { renderChildren } from './children-panel.js';
import { GuardiansPanel } from './guardians-panel.js';
import { HouseholdPanel } from './household-panel.js';
import { profileStyles } from './profile.styles.js';
import type { ProfileHost } from './profile-host.js';

export type ProfileTab = 'account' | 'household' | 'guardians' | 'children';

/** A request opened from a tab: the category's effect, the child it is about. */
interface OpenedRequest {
  effect: requests.RequestEffect;
  childId: string;
}

/**
 * The family's profile ("Informations profil"), in four tabs: **Compte** (the login email, with
 * a confirmation link to a new address, and the password), **Foyer** (household name,
 * département, phone), **Responsables** (the guardians: add, edit) and **Enfants** (details,
 * school, enrolments, health, authorised pick-up people). The home address and children's
 * health are not edited here: the tab opens the matching request, which an agent checks.
 *
 * It also finishes a login email change: with `?foyer-email-change=<token>` in the page's
 * address (the confirmation email's link), it confirms the new address.
 *
 * The tabs follow the WAI-ARIA tabs pattern: one tab stop, Left/Right arrows, Home/End.
 *
 * @summary The family profile: account, household, guardians and children.
 * @tagname foyer-profile
 *
 * @fires foyer-request-sent - A request opened from the profile (address, allergy, pick-up person) was sent.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - A tab.
 * @csspart tab-selected - The selected tab (also a `tab`).
 * @csspart panel - The shown tab's panel.
 * @csspart form - Every form (email, password, household, guardian).
 * @csspart submit - The main button of a form.
 * @csspart guardian - A guardian's card.
 * @csspart child - A child's card.
 * @csspart pickups - The people allowed to pick a child up.
 *
 * @cssprop --foyer-color-primary - Buttons, tabs and accents (default `#2447a8`).
 * @cssprop --foyer-color-success - Confirmations (default `#18753c`).
 * @cssprop --foyer-color-danger - Errors (default `#b3261e`).
 */
export class FoyerProfile extends FoyerElement implements ProfileHost {
  static override styles = [baseStyles, formStyles, tabStyles, profileStyles];

  /** The tab shown: `account` (default), `household`, `guardians` or `children`. */
  @property({ reflect: true }) accessor tab: ProfileTab = 'account';

  /** @internal */
  @state() accessor household: household.Household | null = null;
  /** @internal */
  @state() accessor householdState: LoadState = 'idle';
  /** @internal */
  @state() accessor householdError: unknown = null;
  /** @internal */
  @state() accessor request: OpenedRequest | null = null;
  /** @internal */
  @state() accessor notice = '';
  /** @internal */
  @state() accessor emailChange: { state: LoadState; email: string; error: unknown } | null = null;

  readonly #account = new AccountPanel(this);
  readonly #householdPanel = new HouseholdPanel(this);
  readonly #guardians = new GuardiansPanel(this);
  #loadedFor = '';
  #emailToken: string | null = null;
  #focus = new FocusAfterRender(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.#emailToken = readParam('foyer-email-change');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.#emailToken && this.store && !this.emailChange) void this.#confirmEmail(this.#emailToken);
    const store = this.store;
    const key = store?.signedIn ? store.collectivity : '';
    if (key !== this.#loadedFor) {
      this.#loadedFor = key;
      this.#reset();
      if (key) void this.#loadHousehold();
    }
  }

  protected override storeChanged(topic: StoreTopic): void {
    super.storeChanged(topic);
    if (topic === 'session' && this.store?.signedIn) this.#account.passwordChanged = false;
  }

  /** @internal */
  focusAfterRender(selector: string): void {
    this.#focus.request(selector);
  }

  /** @internal */
  openRequest(effect: requests.RequestEffect, childId = ''): void {
    this.request = { effect, childId };
    this.notice = '';
    this.focusAfterRender('#request-back');
  }

  #closeRequest(): void {
    this.request = null;
    this.focusAfterRender(`#profile-panel-${this.tab}`);
  }

  #onRequestSent(event: FoyerRequestSentEvent): void {
    const { request } = event.detail;
    this.request = null;
    this.notice = msg(
      str`Votre demande « ${request.category.title} » a été envoyée : le service la vérifiera avant de mettre à jour votre dossier. Suivez-la dans l'historique des demandes.`,
    );
    this.focusAfterRender('#profile-notice');
  }

  #reset(): void {
    this.household = null;
    this.householdState = 'idle';
    this.request = null;
    this.notice = '';
    this.#account.reset();
    this.#householdPanel.reset();
    this.#guardians.reset();
  }

  async #loadHousehold(): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.householdState = 'loading';
    try {
      this.household = await store.client.household.get(store.callOptions);
      this.householdState = 'ready';
      this.householdError = null;
    } catch (error) {
      this.householdState = 'error';
      this.householdError = error;
    }
  }

  async #confirmEmail(token: string): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.emailChange = { state: 'loading', email: '', error: null };
    try {
      const { email } = await store.client.me.confirmEmail({ token });
      this.emailChange = { state: 'ready', email, error: null };
      await store.refreshAccount().catch(() => undefined);
    } catch (error) {
      this.emailChange = { state: 'error', email: '', error };
    }
    dropParam('foyer-email-change');
    this.#emailToken = null;
    this.focusAfterRender('#email-confirmation');
  }

  #select(tab: ProfileTab): void {
    this.tab = tab;
    this.request = null;
    this.notice = '';
    // Enfants shows what agents may have changed since (an accepted allergy, a pick-up person).
    if (tab === 'children') void this.store?.loadChildren();
  }

  protected override render(): TemplateResult {
    const store = this.store;
    if (!store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    const title = heading(this.headingLevel, msg('Mon profil'), 'title');
    if (!store.signedIn) {
      return html`<section aria-labelledby="title">
        ${title} ${this.#renderEmailChange()}
        ${
          this.#account.passwordChanged
            ? html`<p class="message success" role="status">${msg('Votre mot de passe a été modifié : reconnectez-vous avec le nouveau.')}</p>`
            : nothing
        }
        <p class="muted">${msg('Connectez-vous pour consulter et modifier les informations de votre famille.')}</p>
      </section>`;
    }
    const tabs: TabsModel<ProfileTab> = {
      id: 'profile',
      label: msg('Informations profil'),
      tabs: [
        { key: 'account', label: msg('Compte') },
        { key: 'household', label: msg('Foyer') },
        { key: 'guardians', label: msg('Responsables') },
        { key: 'children', label: msg('Enfants') },
      ],
      selected: this.tab,
      select: (tab) => this.#select(tab),
      host: this,
    };
    return html`<section aria-labelledby="title">
      ${title}
      <p class="intro">
        ${msg('Gérez les informations associées à votre profil : e-mail, mot de passe, département du foyer, numéros de téléphone.')}
      </p>
      ${this.#renderEmailChange()} ${renderTabList(tabs)} ${renderTabPanels(tabs, this.#renderPanel())}
    </section>`;
  }

  #renderEmailChange(): TemplateResult | typeof nothing {
    const change = this.emailChange;
    if (!change) return nothing;
    if (change.state === 'loading')
      return html`<p class="muted" role="status">${msg('Confirmation de votre nouvelle adresse…')}</p>`;
    return change.state === 'error'
      ? html`<p class="message error" role="alert" id="email-confirmation" tabindex="-1">${errorMessage(change.error)}</p>`
      : html`<p class="message success" role="status" id="email-confirmation" tabindex="-1">
          ${msg(str`Votre adresse de connexion est désormais ${change.email}.`)}
        </p>`;
  }

  #renderPanel(): TemplateResult {
    const notice = this.notice
      ? html`<p class="message success" role="status" id="profile-notice" tabindex="-1">${this.notice}</p>`
      : nothing;
    if (this.request) return this.#renderRequest(this.request);
    if (this.tab === 'account') return this.#account.render();
    if (this.tab === 'children') return html`${notice}${renderChildren(this)}`;
    if (this.householdState === 'error') {
      return html`<p class="message error" role="alert">${errorMessage(this.householdError)}</p>
        <button type="button" @click=${() => this.#loadHousehold()}>${msg('Réessayer')}</button>`;
    }
    if (!this.household) return html`<p class="muted" role="status">${msg('Chargement des informations du foyer…')}</p>`;
    const panel = this.tab === 'household' ? this.#householdPanel.render() : this.#guardians.render();
    return html`${notice}${panel}`;
  }

  #renderRequest(request: OpenedRequest): TemplateResult {
    return html`<button type="button" class="link" id="request-back" @click=${this.#closeRequest}>
        <span aria-hidden="true">←</span> ${msg('Retour au profil')}
      </button>
      <foyer-request-form
        show="new"
        effect=${request.effect}
        child=${request.childId}
        heading-level=${this.headingLevel + 1}
        @foyer-request-sent=${this.#onRequestSent}
      ></foyer-request-form>`;
  }
}
