import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import { baseStyles } from '../shared/base.styles.js';
import { FoyerElement } from '../shared/foyer-element.js';

/**
 * For accounts with a household in several collectivities ("associer les services de plusieurs
 * communes"): picks the one the other Foyer elements of the provider work in. Shows nothing
 * for an account in a single collectivity.
 *
 * @summary Switches between the collectivities of the account.
 * @tagname foyer-collectivity-switcher
 *
 * @csspart select - The collectivity picker.
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

  #onChange(event: Event): void {
    this.store?.setCollectivity((event.target as HTMLSelectElement).value);
  }

  protected override render(): TemplateResult | typeof nothing {
    const store = this.store;
    if (!store?.signedIn) return nothing;
    const memberships = store.parentMemberships;
    if (memberships.length < 2) return nothing;
    return html`<div class="switcher">
      <label for="collectivity">${msg('Commune')}</label>
      <select id="collectivity" part="select" @change=${this.#onChange}>
        ${memberships.map(
          (m) =>
            html`<option value=${m.collectivity.slug} ?selected=${m.collectivity.slug === store.collectivity}>
              ${m.collectivity.name} — ${m.household.name}
            </option>`,
        )}
      </select>
    </div>`;
  }
}
