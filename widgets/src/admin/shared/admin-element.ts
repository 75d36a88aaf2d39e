import type { CallOptions, FoyerClient } from '@foyer/sdk';
import { type AdminNamespace, withAdmin } from '@foyer/sdk/admin';
import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { FoyerElement } from '../../shared/foyer-element.js';
// The back office's error texts, with every section.
import './admin-errors.js';
import type { StoreTopic } from '../../shared/store.js';

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

  #loadedFor: string | null = null;

  /** Loads what the section shows; called once signed in, and again in another collectivity. */
  protected load(): void {}

  protected override storeConnected(): void {
    this.#loadIfNeeded();
  }

  protected override storeChanged(topic: StoreTopic): void {
    super.storeChanged(topic);
    if (topic === 'session' || topic === 'collectivity') this.#loadIfNeeded();
  }

  #loadIfNeeded(): void {
    const store = this.store;
    if (!store?.signedIn || !store.me) {
      this.#loadedFor = null;
      return;
    }
    if (this.#loadedFor === store.collectivity) return;
    this.#loadedFor = store.collectivity;
    this.load();
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
