import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import type { FoyerLogin } from '../src/login/login.component.js';
import type { FoyerProvider } from '../src/provider/provider.component.js';
import { mondayOf } from '../src/shared/dates.js';
import { bookable, child, familyDays, first } from './days.js';
import { $, DEMO, fill, mountProvider, signIn, waitForText } from './helpers.js';

/** Makes the API answer `status` with a problem to the requests whose URL matches, until restored. */
function failRequests(match: RegExp, status: number, detail: string): () => void {
  const real = window.fetch;
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!match.test(url)) return real(input, init);
    const body = JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status, detail, code: 'internal_error' });
    return Promise.resolve(new Response(body, { status, headers: { 'Content-Type': 'application/problem+json' } }));
  };
  return () => {
    window.fetch = real;
  };
}

describe('loading, empty and error states', () => {
  it('asks for a provider when an element is placed outside one', async () => {
    const el = await fixture<FoyerCalendar>(html`<foyer-calendar></foyer-calendar>`);
    await waitForText(el, 'Placez cet élément dans un élément <foyer-provider>.');
    await expect(el).to.be.accessible();
  });

  it('asks to sign in before showing calendars and the cart', async () => {
    const provider = await mountProvider(html`<foyer-calendar></foyer-calendar><foyer-cart></foyer-cart>`);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await waitForText(calendar, 'Connectez-vous pour consulter et réserver');
    await waitForText(cart, 'Connectez-vous pour voir votre panier.');
    await expect(calendar).to.be.accessible();
    await expect(cart).to.be.accessible();
  });

  it('says when the service cannot be reached', async () => {
    const provider = await fixture<FoyerProvider>(
      html`<foyer-provider api="http://127.0.0.1:9" collectivity="ville-de-demo" storage="memory"><foyer-login></foyer-login></foyer-provider>`,
    );
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    await waitUntil(() => provider.store?.sessionState === 'ready');
    fill($<HTMLInputElement>(login, '#email'), DEMO.parent);
    fill($<HTMLInputElement>(login, '#password'), DEMO.password);
    $<HTMLButtonElement>(login, 'button[type="submit"]').click();
    await waitForText(login, 'Le service est injoignable');
    await expect(login).to.be.accessible();
  });

  it("shows the API's message when the calendar cannot load, and loads again on Réessayer", async () => {
    const restore = failRequests(/\/calendar\?/, 500, 'The calendar is resting.');
    try {
      const provider = await mountProvider(html`<foyer-calendar></foyer-calendar>`);
      await signIn(provider);
      const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
      await waitForText(calendar, 'The calendar is resting.');
      await expect(calendar).to.be.accessible();
      restore();
      $<HTMLButtonElement>(calendar, '.body button').click();
      await waitForText(calendar, 'Prévisions hebdomadaires');
    } finally {
      restore();
    }
  });

  it("shows the empty cart, and the API's message when the cart cannot load", async () => {
    const provider = await mountProvider(html`<foyer-cart></foyer-cart>`);
    const store = await signIn(provider);
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await waitForText(cart, 'Votre panier est vide');
    await expect(cart).to.be.accessible();

    await store.logout();
    const restore = failRequests(/\/cart$/, 500, 'The cart is resting.');
    try {
      await store.login(DEMO.parent, DEMO.password);
      await waitForText(cart, 'The cart is resting.');
      await expect(cart).to.be.accessible();
    } finally {
      restore();
    }
  });
});

describe('in any page', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    document.documentElement.style.fontSize = '';
  });

  /** A family's page with a canteen day in the cart: the next weeks the parent can book. */
  async function familySpace(): Promise<FoyerProvider> {
    const day = first(bookable(child(await familyDays(), 'Alvaro'), 'REPAS'), 'canteen day to book');
    const provider = await mountProvider(
      html`<foyer-login></foyer-login><foyer-calendar date=${mondayOf(day)} weeks="2"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await waitUntil(() => calendar.dataState === 'ready', 'no calendar', { timeout: 10_000 });
    $<HTMLButtonElement>(calendar, `button.cell.bookable[data-key$="|${day}"]`).click();
    await waitForText(provider.querySelector('foyer-cart')!, '1 REPAS');
    return provider;
  }

  /** True when nothing of the element sticks out sideways (a page scroll the parent would need). */
  function fitsWidth(el: Element, width: number): boolean {
    const inner = [...(el.shadowRoot?.querySelectorAll('*') ?? [])].filter((e) => !e.closest('.visually-hidden'));
    return inner.every((e) => e.getBoundingClientRect().right <= width + 0.5);
  }

  it('fits a 320 px wide screen without scrolling sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    document.body.style.margin = '0';
    const provider = await familySpace();
    for (const el of provider.children) expect(fitsWidth(el, 320), `<${el.localName}> is wider than 320 px`).to.equal(true);
    await expect(provider.querySelector('foyer-calendar')).to.be.accessible();
  });

  it('fits at 200 % text size', async () => {
    await setViewport({ width: 640, height: 800 });
    document.documentElement.style.fontSize = '200%';
    const provider = await familySpace();
    for (const el of provider.children) expect(fitsWidth(el, 640), `<${el.localName}> is wider than 640 px`).to.equal(true);
  });

  it("keeps the page's styles out and its own in", async () => {
    const style = document.createElement('style');
    style.textContent = 'button { background: rgb(255, 0, 0) !important; font-size: 40px; } p { color: rgb(0, 255, 0); }';
    document.head.append(style);
    try {
      const provider = await familySpace();
      const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
      const cell = $<HTMLButtonElement>(calendar, 'button.cell');
      expect(getComputedStyle(cell).backgroundColor).to.not.equal('rgb(255, 0, 0)');
      const outside = document.createElement('button');
      outside.textContent = 'bouton de la page';
      document.body.append(outside);
      expect(getComputedStyle(outside).fontSize).to.equal('40px');
      expect(getComputedStyle(outside).borderRadius).to.equal('0px');
      outside.remove();
    } finally {
      style.remove();
    }
  });

  it('takes a theme through custom properties and parts', async () => {
    const style = document.createElement('style');
    style.textContent = `foyer-cart { --foyer-color-primary: rgb(0, 0, 145); } foyer-cart::part(checkout) { border-radius: 0px; }`;
    document.head.append(style);
    try {
      const provider = await familySpace();
      const checkout = $<HTMLButtonElement>(provider.querySelector('foyer-cart')!, 'button[part="checkout"]');
      expect(getComputedStyle(checkout).backgroundColor).to.equal('rgb(0, 0, 145)');
      expect(getComputedStyle(checkout).borderRadius).to.equal('0px');
    } finally {
      style.remove();
    }
  });

  it('passes the accessibility checks in the DSFR theme', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/widgets/themes/dsfr.css';
    const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
    document.head.append(link);
    await loaded;
    try {
      const provider = await familySpace();
      const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
      expect(getComputedStyle($(cart, 'button[part="checkout"]')).backgroundColor).to.equal('rgb(0, 0, 145)');
      for (const el of provider.children) await expect(el).to.be.accessible();
    } finally {
      link.remove();
    }
  });
});
