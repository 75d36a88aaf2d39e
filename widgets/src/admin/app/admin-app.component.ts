import { adminRequests } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { baseStyles } from '../../shared/base.styles.js';
import { FoyerElement } from '../../shared/foyer-element.js';
import { heading } from '../../shared/heading.js';
import { loadElement } from '../../shared/on-demand.js';
import { agentMemberships, roleLabel, type SectionKey, sectionLabel, sectionsFor } from '../shared/roles.js';
import { SECTION_TAGS } from '../shared/section-tags.js';
import { adminAppStyles } from './admin-app.styles.js';

/** The address fragment of each section (`#familles`), in French like the page. */
const FRAGMENTS: Record<SectionKey, string> = {
  catalog: 'catalogue',
  households: 'familles',
  bookings: 'reservations',
  requests: 'demandes',
  exports: 'exports',
  'direct-debits': 'prelevements',
  import: 'import',
  agents: 'agents',
  'join-requests': 'adhesions',
  'roll-call': 'pointage',
  kitchen: 'cuisine',
  audit: 'journal',
  billing: 'facturation',
  payments: 'paiements',
};

function sectionOfFragment(hash: string): SectionKey | undefined {
  const wanted = hash.replace(/^#\/?/, '');
  return (Object.keys(FRAGMENTS) as SectionKey[]).find((key) => FRAGMENTS[key] === wanted);
}

/**
 * The back office in one element: the agent signs in (or activates their invitation), then
 * finds the sections their role allows — Catalogue, Familles, Prélèvements, Import, Agents, Demandes
 * d'adhésion — in a navigation that follows the page's address (`#familles`), so that the
 * browser's back button and bookmarks work. An agent of several collectivities picks one.
 *
 * @summary The back office: sign-in, role-aware navigation and the sections.
 * @tagname foyer-admin-app
 *
 * @csspart header - The top bar: the collectivity, who is signed in, sign-out.
 * @csspart nav - The navigation between sections.
 *
 * @example
 * <foyer-provider api="https://foyer.example.org" collectivity="ville-de-demo">
 *   <foyer-admin-app heading-level="1"></foyer-admin-app>
 * </foyer-provider>
 */
export class FoyerAdminApp extends FoyerElement {
  static override styles = [baseStyles, adminAppStyles];

  /** The section shown; follows the page's address unless set. */
  @property({ reflect: true }) accessor section: SectionKey | '' = '';

  /** A section whose module could not be loaded (offline, or a deploy removed its chunk). */
  #failedSection: SectionKey | null = null;

  /** Set when the section changed: focus goes to it once rendered (not a state: no second render). */
  #focusSection = false;

  /** How many requests the signed-in agent has not read (the « Demandes » badge); null until known. */
  @state() accessor unreadRequests: number | null = null;
  /** The collectivity the unread count was asked for. */
  #unreadFor: string | null = null;

  readonly #onUnreadChanged = (event: HTMLElementEventMap['foyer-requests-unread-changed']) => {
    this.unreadRequests = event.detail.unreadCount;
  };

  readonly #onHashChange = () => {
    const key = sectionOfFragment(window.location.hash);
    if (key && key !== this.section) {
      this.section = key;
      this.#focusSection = true;
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHashChange);
    this.addEventListener('foyer-requests-unread-changed', this.#onUnreadChanged);
    this.section ||= sectionOfFragment(window.location.hash) ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.removeEventListener('foyer-requests-unread-changed', this.#onUnreadChanged);
  }

  /** The membership the back office works in: the provider's collectivity, else the account's first. */
  get #membership() {
    const memberships = agentMemberships(this.store?.me ?? null);
    return memberships.find((m) => m.collectivity.slug === this.store?.collectivity) ?? memberships[0];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const membership = this.#membership;
    // Signed in as an agent of another collectivity than the page's: work in the agent's own.
    if (membership && this.store && membership.collectivity.slug !== this.store.collectivity)
      this.store.setCollectivity(membership.collectivity.slug);
    this.#countUnread(membership);
  }

  /** Asks once per collectivity how many requests are unread, for the navigation's badge. */
  #countUnread(membership: ReturnType<typeof agentMemberships>[number] | undefined): void {
    const store = this.store;
    if (!store?.signedIn || !membership || !sectionsFor(membership.role).includes('requests')) {
      this.#unreadFor = null;
      return;
    }
    if (this.#unreadFor === membership.collectivity.slug) return;
    this.#unreadFor = membership.collectivity.slug;
    this.unreadRequests = null;
    store.client
      .method(adminRequests.listInbox)({ limit: '1' }, store.callOptions)
      .then(
        (page) => {
          this.unreadRequests = page.unreadCount;
        },
        // The section says what went wrong when it is opened; the badge just stays away.
        () => {},
      );
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#focusSection) {
      this.#focusSection = false;
      this.renderRoot.querySelector<HTMLElement>('main')?.focus();
    }
  }

  #open(key: SectionKey, event: Event): void {
    event.preventDefault();
    this.section = key;
    this.#focusSection = true;
    if (window.location.hash !== `#${FRAGMENTS[key]}`) window.history.pushState(null, '', `#${FRAGMENTS[key]}`);
  }

  protected override render(): TemplateResult {
    const store = this.store;
    if (!store) return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
    if (!store.signedIn || !store.me) {
      if (store.sessionState === 'loading' || store.sessionState === 'idle')
        return html`<p class="muted" role="status">${msg('Connexion en cours…')}</p>`;
      return html`<foyer-login
        heading-level=${this.headingLevel}
        sign-in-title=${msg('Connexion au back-office')}
        activate-title=${msg('Activez votre compte agent')}
      ></foyer-login>`;
    }
    const membership = this.#membership;
    if (!membership) {
      return html`${this.#header(null)}
        <p class="message error" role="alert">
          ${msg("Ce compte n'a de rôle d'agent dans aucune collectivité : demandez à un administrateur de vous inviter.")}
        </p>`;
    }
    const sections = sectionsFor(membership.role);
    const current = sections.includes(this.section as SectionKey) ? (this.section as SectionKey) : sections[0];
    return html`${this.#header(membership)}
      <div class="layout">
        ${
          sections.length > 0
            ? html`<nav part="nav" aria-label=${msg('Sections du back-office')}>
              <ul>
                ${sections.map(
                  (key) =>
                    html`<li>
                      <a
                        href="#${FRAGMENTS[key]}"
                        aria-current=${key === current ? 'page' : 'false'}
                        @click=${(event: Event) => this.#open(key, event)}
                        >${sectionLabel(key)}${key === 'requests' ? this.#unreadBadge() : nothing}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>`
            : nothing
        }
        <main tabindex="-1" aria-label=${current ? sectionLabel(current) : msg('Back-office')}>
          ${current ? this.#section(current) : this.#noSection(membership.role)}
        </main>
      </div>`;
  }

  #unreadBadge(): TemplateResult | typeof nothing {
    const count = this.unreadRequests;
    if (!count) return nothing;
    return html` <span class="badge"
      ><span aria-hidden="true">${count}</span><span class="visually-hidden">${msg(str`(${count} non lue(s))`)}</span></span
    >`;
  }

  #header(membership: ReturnType<typeof agentMemberships>[number] | null | undefined): TemplateResult {
    const store = this.store;
    const memberships = agentMemberships(store?.me ?? null);
    const name = membership?.collectivity.name ?? '';
    return html`<header part="header">
      ${heading(this.headingLevel, name ? msg(str`Back-office — ${name}`) : msg('Back-office'))}
      <div class="who">
        ${
          memberships.length > 1
            ? html`<label for="collectivity" class="visually-hidden">${msg('Collectivité')}</label>
              <select id="collectivity" @change=${(e: Event) => store?.setCollectivity((e.target as HTMLSelectElement).value)}>
                ${memberships.map(
                  (m) => html`<option value=${m.collectivity.slug} ?selected=${m === membership}>${m.collectivity.name}</option>`,
                )}
              </select>`
            : nothing
        }
        <span>${store?.me?.account.displayName}${membership ? html` · ${roleLabel(membership.role)}` : nothing}</span>
        <button part="sign-out" @click=${() => store?.logout()}>${msg('Se déconnecter')}</button>
      </div>
    </header>`;
  }

  #section(key: SectionKey): TemplateResult {
    const tag = SECTION_TAGS[key];
    // The section's module comes on first use; until it is defined the element waits, empty.
    if (!customElements.get(tag)) {
      loadElement(tag).catch(() => {
        this.#failedSection = key;
        this.requestUpdate();
      });
    }
    if (this.#failedSection === key) {
      return html`<p class="message error" role="alert">
        ${msg('Cette section n’a pas pu se charger : vérifiez la connexion, puis rechargez la page.')}
      </p>`;
    }
    const name = unsafeStatic(tag);
    return staticHtml`<${name} heading-level=${this.headingLevel + 1}></${name}>`;
  }

  #noSection(role: ReturnType<typeof agentMemberships>[number]['role']): TemplateResult {
    return html`<p class="message" role="status">
      ${msg(str`Votre rôle (${roleLabel(role)}) n'a pas encore d'écran dans le back-office : ils arrivent avec l'appel et les effectifs de la cuisine.`)}
    </p>`;
  }
}
