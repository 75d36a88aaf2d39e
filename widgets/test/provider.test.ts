import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import type { FoyerCollectivitySwitcher } from '../src/collectivity-switcher/collectivity-switcher.component.js';
import type { FoyerCartChangedEvent } from '../src/events/cart-changed.js';
import type { FoyerCollectivityChangedEvent } from '../src/events/collectivity-changed.js';
import type { FoyerSignedInEvent } from '../src/events/signed-in.js';
import type { FoyerSignedOutEvent } from '../src/events/signed-out.js';
import type { FoyerLogin } from '../src/login/login.component.js';
import type { FoyerProvider } from '../src/provider/provider.component.js';
import { isoWeek, mondayOf } from '../src/shared/dates.js';
import { setLocale } from '../src/shared/locale.js';
import { bookable, dayAndMonth, familyDays, first, child as named } from './days.js';
import { $, DEMO, fill, mountProvider, signIn, storeOf, testApi, text, waitForText } from './helpers.js';

describe('<foyer-provider>', () => {
  it('shares one client with the elements inside it and tells the page who signed in and out', async () => {
    const provider = await mountProvider(html`<foyer-login></foyer-login><foyer-cart></foyer-cart>`);
    const [login, cart] = [provider.querySelector('foyer-login'), provider.querySelector('foyer-cart')];
    expect(login?.store).to.equal(provider.store);
    expect(cart?.store).to.equal(provider.store);

    const signedIn = oneEvent(document, 'foyer-signed-in') as Promise<FoyerSignedInEvent>;
    await signIn(provider);
    const event = await signedIn;
    expect(event.detail.account.email).to.equal(DEMO.parent);
    expect(event.detail.collectivity).to.equal('ville-de-demo');
    expect(event.composed).to.equal(true);

    const signedOut = oneEvent(document, 'foyer-signed-out') as Promise<FoyerSignedOutEvent>;
    await storeOf(provider).logout();
    expect((await signedOut).detail.reason).to.equal('logout');
  });

  it('keeps two providers of one page apart', async () => {
    const { url } = await testApi();
    const page = await fixture<HTMLElement>(html`<div>
      <foyer-provider id="demo" api=${url} collectivity="ville-de-demo" storage="memory">
        <foyer-login></foyer-login><foyer-cart></foyer-cart>
      </foyer-provider>
      <foyer-provider id="second" api=${url} collectivity="saint-exemple" storage="memory">
        <foyer-login></foyer-login><foyer-cart></foyer-cart>
      </foyer-provider>
    </div>`);
    const [demo, second] = [...page.querySelectorAll<FoyerProvider>('foyer-provider')] as [FoyerProvider, FoyerProvider];
    await waitUntil(() => demo.store?.sessionState === 'ready' && second.store?.sessionState === 'ready');
    expect(demo.store).to.not.equal(second.store);
    expect(demo.querySelector('foyer-cart')?.store).to.equal(demo.store);
    expect(second.querySelector('foyer-cart')?.store).to.equal(second.store);

    const day = first(bookable(named(await familyDays(), 'Alvaro'), 'REPAS'), 'canteen day to book');
    const store = await signIn(demo);
    const changed = oneEvent(demo, 'foyer-cart-changed') as Promise<FoyerCartChangedEvent>;
    const child = store.children[0]!;
    const canteen = child.enrolments.find((e) => e.activity.name === 'REPAS')!.activity.id;
    await store.addLines([{ childId: child.id, activityId: canteen, action: 'book', dates: [day] }]);
    expect((await changed).detail.cart.lines).to.have.length(1);

    await waitForText(demo.querySelector('foyer-cart')!, 'ALVARO SANCHEZ-CORDOVES — 1 REPAS');
    expect(second.store?.signedIn).to.equal(false);
    await waitForText(second.querySelector<FoyerLogin>('foyer-login')!, 'Connexion à votre espace famille');
    await store.client.cart.empty(store.callOptions);
  });

  it('switches the collectivity of every element for an account in two towns', async () => {
    const provider = await mountProvider(
      html`<foyer-collectivity-switcher></foyer-collectivity-switcher><foyer-calendar></foyer-calendar>`,
    );
    const switcher = provider.querySelector<FoyerCollectivitySwitcher>('foyer-collectivity-switcher')!;
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    expect(switcher.shadowRoot?.querySelector('select')).to.equal(null);
    await signIn(provider);
    await waitForText(switcher, 'Saint-Exemple');
    await expect(switcher).to.be.accessible();
    await waitUntil(() => calendar.dataState === 'ready', 'no calendar');
    expect(text(calendar)).to.contain('Alvaro');

    const changed = oneEvent(provider, 'foyer-collectivity-changed') as Promise<FoyerCollectivityChangedEvent>;
    fill($<HTMLSelectElement>(switcher, 'select'), 'saint-exemple');
    expect((await changed).detail.collectivity).to.equal('saint-exemple');
    await waitUntil(
      () =>
        calendar.dataState === 'ready' &&
        storeOf(provider).childrenState === 'ready' &&
        calendar.data?.activities[0]?.site.name.includes('Saint-Exupéry'),
      'the calendar did not switch town',
      { timeout: 10_000 },
    );
    expect(storeOf(provider).collectivity).to.equal('saint-exemple');
  });

  it('speaks English when asked, with English dates and prices', async () => {
    const day = first(bookable(named(await familyDays(), 'Alvaro'), 'REPAS'), 'canteen day to book');
    try {
      const provider = await mountProvider(
        html`<foyer-login></foyer-login><foyer-calendar date=${mondayOf(day)} weeks="1"></foyer-calendar><foyer-cart></foyer-cart>`,
        { locale: 'en' },
      );
      const login = provider.querySelector<FoyerLogin>('foyer-login')!;
      await waitForText(login, 'Sign in to your family space');
      await signIn(provider);
      const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
      await waitUntil(() => calendar.dataState === 'ready', 'no calendar');
      await waitForText(calendar, 'Weekly forecast for Alvaro');
      expect(text(calendar)).to.contain(`Week ${isoWeek(day)}`);
      const button = $<HTMLButtonElement>(calendar, `button.cell[data-key$="|${day}"]`);
      expect(button.getAttribute('aria-label')).to.equal(`${dayAndMonth(day, 'en-GB')}, REPAS: bookable`);
      button.click();
      const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
      await waitForText(cart, 'On your next invoice');
      expect(text(cart)).to.match(/€\d+\.\d\d/);
      await storeOf(provider).client.cart.empty(storeOf(provider).callOptions);
    } finally {
      await setLocale('fr');
    }
  });
});
