import { provide } from '@lit/context';
import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { storeContext } from '../shared/context.js';
import { setLocale } from '../shared/locale.js';
import { FoyerStore } from '../shared/store.js';
import { checkEmbedding, type EmbeddingProblem } from './embedding-check.js';

/** The API's absolute base URL: `api` may be relative to the page (`/` when the page is served by Foyer). */
const normalized = (api: string) => new URL(api, document.baseURI).href.replace(/\/+$/, '');

/**
 * Connects the Foyer elements inside it to one town's Foyer: it creates one SDK client and
 * shares it (with the session, the children and the cart) with every Foyer element it contains.
 * Several providers on a page do not interfere: each element talks to its nearest provider.
 *
 * @summary Shares one Foyer client with the elements inside it.
 * @tagname foyer-provider
 *
 * @slot - The page content holding Foyer elements (and anything else).
 *
 * @csspart problem - The message shown instead of the elements when this page cannot use Foyer
 * (API unreachable, unknown collectivity, origin not registered, foyer.js too old); the console
 * then says the exact fix.
 *
 * @fires foyer-signed-in - A parent signed in, or a stored sign-in was resumed; `detail.account`, `detail.via`.
 * @fires foyer-signed-out - The session ended; `detail.reason`.
 * @fires foyer-cart-changed - The cart was loaded or changed; `detail.cart` as the API has it.
 * @fires foyer-checkout-completed - The cart was validated; `detail.checkout` with an outcome per line.
 * @fires foyer-collectivity-changed - The parent switched collectivity; `detail.collectivity`.
 *
 * @example
 * <foyer-provider api="https://foyer.example.org" collectivity="ville-de-demo">
 *   <foyer-login></foyer-login>
 *   <foyer-calendar></foyer-calendar>
 *   <foyer-cart></foyer-cart>
 * </foyer-provider>
 */
export class FoyerProvider extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: contents;
      }
      .problem {
        display: block;
        margin: 0;
        padding: 0.75rem 1rem;
        border: 1px solid #b34000;
        border-left-width: 0.4rem;
        border-radius: 0.25rem;
        background: #fff4f0;
        color: #1e1e1e;
      }
    `,
  ];

  /** The Foyer API's base URL, e.g. `https://foyer.example.org` (relative to the page if it is served by Foyer: `/`). */
  @property() accessor api = '';

  /** The collectivity's slug, e.g. `ville-de-demo`. */
  @property() accessor collectivity = '';

  /**
   * Where the sign-in is kept: `session` (default) keeps it across reloads of this tab, e.g. on
   * the way back from the payment page; `memory` forgets it on reload.
   */
  @property() accessor storage: 'session' | 'memory' = 'session';

  /** The language of the Foyer elements of the page: `fr` (default) or `en`. */
  @property({ reflect: true }) accessor locale = 'fr';

  /** The store shared with the elements inside; created from `api` and `collectivity`. */
  @provide({ context: storeContext })
  @state()
  accessor store: FoyerStore | undefined;

  /** Why this page cannot use Foyer, if it cannot; shown instead of the elements. */
  @state() accessor problem: EmbeddingProblem | undefined;

  /** The SDK client of this provider, for integrators who call the API themselves. */
  get client() {
    return this.store?.client;
  }

  static define(tag = 'foyer-provider'): void {
    if (!customElements.get(tag)) customElements.define(tag, FoyerProvider);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void setLocale(this.locale);
    const identity = changed.has('api') || changed.has('collectivity') || changed.has('storage');
    if (identity && this.api && this.collectivity && this.store?.api !== normalized(this.api)) this.#createStore();
    else if (identity && this.store && this.collectivity && changed.has('collectivity'))
      this.store.setCollectivity(this.collectivity);
  }

  #createStore(): void {
    this.store = new FoyerStore({
      api: normalized(this.api),
      collectivity: this.collectivity,
      storage: this.storage === 'memory' ? 'memory' : 'session',
      storageKey: this.id || this.collectivity,
      notify: (event) => this.dispatchEvent(event),
    });
    void this.store.start();
    void this.#checkEmbedding(this.store);
  }

  async #checkEmbedding(store: FoyerStore): Promise<void> {
    const problem = await checkEmbedding(store.api, this.collectivity, location.origin);
    if (store !== this.store) return;
    this.problem = problem;
    if (problem) console.error(problem.fix);
  }

  protected override render(): TemplateResult {
    if (!this.problem) return html`<slot></slot>`;
    const message = html`<p class="problem" part="problem" role="alert" data-problem=${this.problem.kind}>${this.problem.message()}</p>`;
    // An API that does not answer may come back: the elements stay, and retry when asked.
    // Otherwise nothing inside can work until the webmaster fixes the page.
    return this.problem.kind === 'unreachable' ? html`${message}<slot></slot>` : message;
  }
}
