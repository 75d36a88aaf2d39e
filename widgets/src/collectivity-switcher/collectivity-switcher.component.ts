import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { FoyerJoinRequest } from '../join-request/join-request.component.js';
import { baseStyles } from '../shared/base.styles.js';
import { errorMessage } from '../shared/errors.js';
import { FoyerElement } from '../shared/foyer-element.js';

/**
 * For accounts with a household in several collectivities ("associer les services de plusieurs
 * communes"): picks the one the other Foyer elements of the provider work in; the picker shows
 * only for an account in several collectivities. A signed-in parent may also ask to join another
 * collectivity that uses Foyer (« Adhérer à une autre collectivité »): `<foyer-join-request>`,
 * loaded on demand, opens in a dialog.
 *
 * @summary Switches between the collectivities of the account, and asks to join another one.
 * @tagname foyer-collectivity-switcher
 *
 * @csspart select - The collectivity picker.
 * @csspart join - The button that opens the request to join another collectivity.
 *
 * @cssprop --foyer-color-border - The picker's border (default `#767676`).
 */
export class FoyerCollectivitySwitcher extends FoyerElement {
  static override styles = [
    baseStyles,
    css`
      .switcher {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
      }
      .switcher select {
        width: auto;
        max-width: 100%;
        margin: 0;
      }
    `,
  ];
  // Declared without decorators: each module that uses them carries their helpers, and this
  // element is in foyer.js, whose every byte every page loads.
  static override properties = { joining: { state: true }, loadError: { state: true } };
  /** @internal The join form was opened once (its chunk loaded). */
  declare joining: boolean;
  /** @internal The join form's chunk could not be loaded. */
  declare loadError: unknown;

  constructor() {
    super();
    this.joining = false;
    this.loadError = null;
  }

  #onChange(event: Event): void {
    this.store?.setCollectivity((event.target as HTMLSelectElement).value);
  }

  /** The request to join another collectivity, once opened. */
  get joinRequest(): FoyerJoinRequest | null {
    return this.renderRoot.querySelector('foyer-join-request');
  }

  async #openJoin(event: Event): Promise<void> {
    const opener = event.currentTarget as HTMLElement;
    this.loadError = null;
    try {
      await import('../join-request/join-request.js');
    } catch (error) {
      this.loadError = error;
      return;
    }
    this.joining = true;
    await this.updateComplete;
    await this.joinRequest?.show(opener);
  }

  protected override render(): TemplateResult | typeof nothing {
    const store = this.store;
    if (!store?.signedIn) return nothing;
    const memberships = store.parentMemberships;
    return html`<div class="switcher">
        ${
          memberships.length < 2
            ? nothing
            : html`<label for="collectivity">${msg('Commune')}</label>
              <select id="collectivity" part="select" @change=${this.#onChange}>
                ${memberships.map(
                  (m) =>
                    html`<option value=${m.collectivity.slug} ?selected=${m.collectivity.slug === store.collectivity}>
                      ${m.collectivity.name} — ${m.household.name}
                    </option>`,
                )}
              </select>`
        }
        <button type="button" id="join" part="join" class="link" aria-haspopup="dialog" @click=${this.#openJoin}>
          ${msg('Adhérer à une autre collectivité')}
        </button>
      </div>
      ${this.loadError ? html`<p class="message error" role="alert">${errorMessage(this.loadError)}</p>` : nothing}
      ${this.joining ? html`<foyer-join-request dialog heading-level=${this.headingLevel}></foyer-join-request>` : nothing}`;
  }
}
