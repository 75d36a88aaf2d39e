import { consume } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { storeContext } from './context.js';
import type { FoyerStore, StoreChangeEvent, StoreTopic } from './store.js';

/**
 * The base of every Foyer element but the provider: it receives the nearest provider's store
 * through `@lit/context`, re-renders when the store changes, and re-renders when the locale
 * changes. The theme's custom properties below apply to every element; set them on the
 * elements or on any ancestor (`foyer-provider { --foyer-color-primary: #000091; }`).
 *
 * @cssprop --foyer-color-primary - Buttons, links, selected states (default `#2447a8`).
 * @cssprop --foyer-color-on-primary - Text on the primary colour (default `#ffffff`).
 * @cssprop --foyer-color-text - Text (default `#1e1e1e`).
 * @cssprop --foyer-color-muted - Secondary text (default `#555555`).
 * @cssprop --foyer-color-surface - Background of controls and grids (default `#ffffff`).
 * @cssprop --foyer-color-surface-alt - Background of messages and unavailable days (default `#f2f3f7`).
 * @cssprop --foyer-color-border - Borders of fields and days (default `#767676`).
 * @cssprop --foyer-color-danger - Errors (default `#b3261e`).
 * @cssprop --foyer-color-success - Confirmations (default `#18753c`).
 * @cssprop --foyer-color-pending - Changes waiting in the cart (default `#a94400`).
 * @cssprop --foyer-color-focus - The focus outline (default `#0a5fd0`).
 * @cssprop --foyer-color-heading - Headings (default: the text colour).
 * @cssprop --foyer-radius - Corner radius (default `0.375rem`).
 * @cssprop --foyer-spacing - Base spacing (default `1rem`).
 * @cssprop --foyer-font-family - Font (default: the page's).
 * @cssprop --foyer-heading-font-family - Font of headings (default: the element's).
 * @cssprop --foyer-font-size - Base font size (default `1rem`).
 */
export class FoyerElement extends LitElement {
  /** The store of the nearest `<foyer-provider>`; undefined outside one. */
  @consume({ context: storeContext, subscribe: true })
  @state()
  accessor store: FoyerStore | undefined;

  /** The level of the element's headings in the page's outline (2 by default). */
  @property({ type: Number, attribute: 'heading-level' }) accessor headingLevel = 2;

  #subscribed: FoyerStore | undefined;
  readonly #onChange = (event: Event) => this.storeChanged((event as StoreChangeEvent).topic);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * Registers the element under `tag` unless something already did (two towns' snippets on a
   * page, or two versions of the bundle): the first definition wins.
   */
  static define(tag: string): void {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being defined, not FoyerElement.
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#subscribed?.removeEventListener('change', this.#onChange);
    this.#subscribed = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      this.#subscribe();
      this.storeConnected();
    }
  }

  /** Called when the element gets a store (or another one): load what it shows. */
  protected storeConnected(): void {}

  /** Called on every store change; re-renders by default. */
  protected storeChanged(_topic: StoreTopic): void {
    this.requestUpdate();
  }

  #subscribe(): void {
    if (this.#subscribed === this.store) return;
    this.#subscribed?.removeEventListener('change', this.#onChange);
    this.#subscribed = this.store;
    this.#subscribed?.addEventListener('change', this.#onChange);
  }
}
