import { waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/admin/index.js';
import type { FoyerAdminApp } from '../../src/admin/app/admin-app.component.js';
import type { FoyerProvider } from '../../src/provider/provider.component.js';
import { $, DEMO, fill, mountProvider, storeOf } from '../helpers.js';

/** The back office as `/admin/` shows it, in a provider of the test API, nobody signed in. */
export async function mountAdminApp(): Promise<{ provider: FoyerProvider; app: FoyerAdminApp }> {
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const provider = await mountProvider(html`<foyer-admin-app heading-level="1"></foyer-admin-app>`);
  const app = provider.querySelector<FoyerAdminApp>('foyer-admin-app');
  if (!app) throw new Error('no <foyer-admin-app>');
  await app.updateComplete;
  return { provider, app };
}

/** Signs in through the back office's own form, as a person would. */
export async function signInThroughForm(app: FoyerAdminApp, email: string = DEMO.agent): Promise<void> {
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-login'), 'no sign-in form');
  const login = app.shadowRoot?.querySelector('foyer-login');
  if (!login) throw new Error('no sign-in form');
  await login.updateComplete;
  fill($<HTMLInputElement>(login, '#email'), email);
  fill($<HTMLInputElement>(login, '#password'), DEMO.password);
  $<HTMLButtonElement>(login, 'button[type="submit"]').click();
  await waitUntil(() => app.shadowRoot?.querySelector('header'), 'the back office did not open', { timeout: 10_000 });
}

/** A back office signed in as the demo agent (an admin), without the form. */
export async function mountSignedIn(email: string = DEMO.agent): Promise<{ provider: FoyerProvider; app: FoyerAdminApp }> {
  const mounted = await mountAdminApp();
  await storeOf(mounted.provider).login(email, DEMO.password);
  await waitUntil(() => mounted.app.shadowRoot?.querySelector('header'), 'the back office did not open', { timeout: 10_000 });
  return mounted;
}

/** The section element the app shows now. */
export function section<T extends HTMLElement>(app: FoyerAdminApp, tag: string): T {
  const found = app.shadowRoot?.querySelector<T>(tag);
  if (!found) throw new Error(`<foyer-admin-app> shows no <${tag}>`);
  return found;
}
