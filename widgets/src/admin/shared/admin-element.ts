import { type AdminNamespace, type CallOptions, type FoyerClient, withAdmin } from '@foyer/sdk';
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { FoyerElement } from '../../shared/foyer-element.js';

const admins = new WeakMap<FoyerClient, AdminNamespace>();

/**
 * The base of the back office's sections: a {@link FoyerElement} that also reaches the back
 * office's API through its provider's client (same session: the agent signs in once).
 */
export class FoyerAdminElement extends FoyerElement {
  /** The back office's namespace of the provider's client; undefined outside a provider. */
  protected get admin(): AdminNamespace | undefined {
    const client = this.store?.client;
    if (!client) return undefined;
    let admin = admins.get(client);
    if (!admin) {
      admin = withAdmin(client).admin;
      admins.set(client, admin);
    }
    return admin;
  }

  /** The collectivity the calls are for. */
  protected get callOptions(): CallOptions {
    return this.store?.callOptions ?? {};
  }

  /** What an element shows outside a provider. */
  protected noProvider(): TemplateResult {
    return html`<p class="message">${msg('Placez cet élément dans un élément <foyer-provider>.')}</p>`;
  }
}
