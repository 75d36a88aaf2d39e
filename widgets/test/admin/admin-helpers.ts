import { type AdminClient, createAdminClient } from '@foyer/sdk/admin';
import { waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/admin/index.js';
// The sections at once (the bundle loads them on first use, which the bundle's own test covers).
import '../../src/admin/agents/agents.js';
import '../../src/admin/audit/audit-log.js';
import '../../src/admin/billing/billing.js';
import '../../src/admin/catalog/catalog.js';
import '../../src/admin/households/households.js';
import '../../src/admin/imports/import.js';
import '../../src/admin/join-requests/join-requests.js';
import '../../src/admin/kitchen/kitchen.js';
import '../../src/admin/payments/payments.js';
import '../../src/admin/requests/requests.js';
import '../../src/admin/roll-call/roll-call.js';
import type { FoyerAdminApp } from '../../src/admin/app/admin-app.component.js';
import type { FoyerProvider } from '../../src/provider/provider.component.js';
import { $, DEMO, fill, linkToken, mountProvider, storeOf, testApi } from '../helpers.js';

/** The back office as `/admin/` shows it (at the page's address: `#familles` opens Familles), nobody signed in. */
export async function mountAdminApp(): Promise<{ provider: FoyerProvider; app: FoyerAdminApp }> {
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
export async function mountSignedIn(
  email: string = DEMO.agent,
  password: string = DEMO.password,
): Promise<{ provider: FoyerProvider; app: FoyerAdminApp }> {
  const mounted = await mountAdminApp();
  await storeOf(mounted.provider).login(email, password);
  await waitUntil(() => mounted.app.shadowRoot?.querySelector('header'), 'the back office did not open', { timeout: 10_000 });
  return mounted;
}

/** The section element the app shows now. */
export function section<T extends HTMLElement>(app: FoyerAdminApp, tag: string): T {
  const found = app.shadowRoot?.querySelector<T>(tag);
  if (!found) throw new Error(`<foyer-admin-app> shows no <${tag}>`);
  return found;
}

/** The demo admin's client with the back office's namespace (to prepare what a test needs). */
export async function adminClient(): Promise<AdminClient> {
  const { url } = await testApi();
  const client = createAdminClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await client.auth.login({ email: DEMO.agent, password: DEMO.password });
  return client;
}

/** Marks a child present on a day it was not booked (a walk-in, as the roll call adds one): a postpaid month then bills something. */
export async function markWalkIn(admin: AdminClient, at: { activityId: string; childId: string; date: string }): Promise<void> {
  await admin.admin.rollCall.mark(crypto.randomUUID(), { ...at, attendance: 'present', seenVersion: 0 });
}

/**
 * A new account with no family in Ville de Démo: invited as a kitchen agent there (the only
 * way a test can create an account without being a town's admin), its password chosen from the
 * emailed link (to `/admin/#foyer-reset=…`), then signed in.
 */
export async function newAccount(
  role: 'admin' | 'agent' | 'kitchen' | 'animator' = 'kitchen',
): Promise<{ email: string; password: string; client: AdminClient }> {
  const { url } = await testApi();
  const admin = await adminClient();
  const email = `nouveau.${crypto.randomUUID().slice(0, 8)}@example.org`;
  await admin.admin.agents.invite({ email, role });
  const token = await linkToken(email, 'foyer-reset');
  const client = createAdminClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  const password = 'un mot de passe de test';
  await client.auth.resetPassword.confirm({ token, password });
  await client.auth.login({ email, password });
  return { email, password, client };
}
