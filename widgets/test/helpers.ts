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
