import { createClient, type FoyerClient } from '@foyer/sdk';
import { withAdmin } from '@foyer/sdk/admin';
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../src/index.js';
import type { FoyerProvider } from '../src/provider/provider.component.js';
import type { FoyerStore } from '../src/shared/store.js';

export const DEMO = {
  parent: 'parent.demo@example.org',
  parent2: 'parent2.demo@example.org',
  agent: 'agent.demo@example.org',
  password: 'foyer-demo-2026',
} as const;

/** Where the test API runs, and its fixed "now". */
export async function testApi(): Promise<{ url: string; now: string }> {
  const response = await fetch('/__foyer/api');
  return response.json();
}

/** A provider around `content`, connected to the test API, once its stored sign-in was looked for. */
export async function mountProvider(
  content: TemplateResult,
  options: { collectivity?: string; storage?: 'memory' | 'session'; id?: string; locale?: string } = {},
): Promise<FoyerProvider> {
  const { url } = await testApi();
  const provider = await fixture<FoyerProvider>(
    html`<foyer-provider
      api=${url}
      collectivity=${options.collectivity ?? 'ville-de-demo'}
      storage=${options.storage ?? 'memory'}
      id=${options.id ?? 'test'}
      locale=${options.locale ?? 'fr'}
      >${content}</foyer-provider
    >`,
  );
  await waitUntil(() => provider.store?.sessionState === 'ready', 'the provider did not start', { timeout: 10_000 });
  return provider;
}

export function storeOf(provider: FoyerProvider): FoyerStore {
  const store = provider.store;
  if (!store) throw new Error('no store');
  return store;
}

/** Signs in without the form, with an empty cart and the children loaded. */
export async function signIn(provider: FoyerProvider, email: string = DEMO.parent): Promise<FoyerStore> {
  const store = storeOf(provider);
  await store.login(email, DEMO.password);
  await store.client.cart.empty(store.callOptions);
  await store.loadCart();
  await waitUntil(() => store.childrenState === 'ready', 'children not loaded', { timeout: 10_000 });
  return store;
}

/** The element's shadow root, queried. */
export function $<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector} in <${host.localName}>`);
  return found;
}

export function $$<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

export function text(host: Element): string {
  return (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

/** Waits until the element's shadow root shows `wanted`. */
export async function waitForText(host: Element, wanted: string | RegExp, timeout = 10_000): Promise<void> {
  await waitUntil(
    () => (typeof wanted === 'string' ? text(host).includes(wanted) : wanted.test(text(host))),
    `<${host.localName}> never showed ${wanted}; it shows: ${text(host).slice(0, 400)}`,
    { timeout },
  );
}

/** Sets a form control's value as a person would, firing `input` and `change`. */
export function fill(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The newest email the API sent to `to` (the outbox is delivered first). */
export function latestEmail(to: string): Promise<{ subject: string; text: string } | null> {
  return executeServerCommand('foyer-latest-email', { to });
}

/** Opens the payment page in another tab, presses "Payer" (or "Refuser le paiement"), and answers where it sent the parent back. */
export function payOnDemoPage(url: string, choice: 'pay' | 'refuse' = 'pay'): Promise<string> {
  return executeServerCommand('foyer-pay-demo', { url, choice });
}

/** Puts `?name=value` in the page's address, as a link from an email or the payment page would. */
export function setPageParam(name: string, value: string | null): void {
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  window.history.replaceState(null, '', url);
}

/** Sets (or removes, with `null`) a parameter in the page's fragment, as an emailed link does. */
export function setPageFragment(name: string, value: string | null): void {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  if (value === null) fragment.delete(name);
  else fragment.set(name, value);
  url.hash = fragment.toString();
  window.history.replaceState(null, '', url);
}

/** An SDK client of the test API signed in as the demo agent: what a town hall's staff does, through the API. */
export async function asAgent(): Promise<FoyerClient> {
  const { url } = await testApi();
  const agent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await agent.auth.login({ email: DEMO.agent, password: DEMO.password });
  return agent;
}

/** An SDK client signed in as a new agent (`admin` by default) of `collectivity`, made for the test by the API plugin. */
export async function asAgentOf(collectivity: string, role = 'admin'): Promise<FoyerClient> {
  const { url } = await testApi();
  const email: string = await executeServerCommand('foyer-agent', { collectivity, role });
  const agent = createClient({ baseUrl: url, collectivity });
  await agent.auth.login({ email, password: DEMO.password });
  return agent;
}

/**
 * A new family of its own, its parent's account activated, for tests that change what signs in
 * (the login email, the password) without touching the demo accounts other tests use.
 */
export async function newFamily(): Promise<{ email: string; password: string }> {
  const { url } = await testApi();
  const agent = await asAgent();
  const email = `parent.${crypto.randomUUID().slice(0, 8)}@example.org`;
  await withAdmin(agent).admin.households.create({
    name: 'Famille Moreau',
    guardian: { firstName: 'Léa', lastName: 'Moreau', email },
    children: [{ firstName: 'Jules', lastName: 'Moreau', birthDate: '2019-05-02' }],
  });
  await agent.auth.logout();
  const token = await linkToken(email, 'foyer-invitation');
  const parent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  const password = 'un mot de passe de test';
  await parent.auth.activate({ token, password, firstName: 'Léa', lastName: 'Moreau' });
  await parent.auth.logout();
  return { email, password };
}

/** The token of the newest email link to `email` with `?param=`. */
export async function linkToken(email: string, param: string): Promise<string> {
  const mail = await latestEmail(email);
  const token = mail?.text.match(new RegExp(`${param}=([A-Za-z0-9_-]+)`))?.[1];
  if (!token) throw new Error(`no ${param} link in ${JSON.stringify(mail)}`);
  return token;
}

/** A small real PDF (the API judges documents by their first bytes). */
export function pdfFile(name: string): File {
  const text = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return new File([text], name, { type: 'application/pdf' });
}

/** Chooses `file` in a file input, as the file picker would. */
export function chooseFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Makes the API answer `status` with a problem to the requests whose URL matches, until restored. */
export function failRequests(match: RegExp, status: number, detail: string): () => void {
  const real = window.fetch;
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!match.test(url) || (init?.method ?? 'GET') !== 'GET') return real(input, init);
    const body = JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status, detail, code: 'internal_error' });
    return Promise.resolve(new Response(body, { status, headers: { 'Content-Type': 'application/problem+json' } }));
  };
  return () => {
    window.fetch = real;
  };
}
