import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import type { FoyerPaymentRedirectEvent } from '../src/events/payment-redirect.js';
import { mondayOf } from '../src/shared/dates.js';
import { bookable, child, familyDays, first } from './days.js';
import { $, fill, mountProvider, payOnDemoPage, setPageParam, signIn, storeOf, waitForText } from './helpers.js';

async function leisureCalendar(calendar: FoyerCalendar): Promise<void> {
  const store = calendar.store!;
  const leisure = store.children.flatMap((c) => c.enrolments).find((e) => e.activity.name === 'ALSH JOURNÉE')!;
  fill($<HTMLSelectElement>(calendar, 'select#service'), leisure.service.id);
  await waitUntil(
    () => calendar.dataState === 'ready' && calendar.data?.activities.some((a) => a.name === 'ALSH JOURNÉE'),
    'the leisure centre calendar did not load',
    { timeout: 10_000 },
  );
  await calendar.updateComplete;
}

describe('a prepaid leisure-centre day', () => {
  it('goes through the demo payment page and comes back booked', async () => {
    // The page the payment page sends the parent back to: this one, as a town's page would be.
    const returnUrl = `${window.location.origin}/widgets/test/fixtures/return.html`;
    // The next leisure-centre day with a place Alvaro can still book (open for registration, before its deadline).
    const date = first(bookable(child(await familyDays(), 'Alvaro'), 'ALSH JOURNÉE'), 'leisure-centre day to book');
    const LEISURE_WEEK = mondayOf(date);
    let provider = await mountProvider(
      html`<foyer-calendar date=${LEISURE_WEEK} weeks="2"></foyer-calendar><foyer-cart return-url=${returnUrl}></foyer-cart>`,
      { storage: 'session', id: 'payment-test' },
    );
    await signIn(provider);
    let calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await leisureCalendar(calendar);

    $<HTMLButtonElement>(calendar, `button.cell.bookable[data-key$="|${date}"]`).click();
    await waitForText(cart, /ALSH JOURNÉE/);
    await waitForText(cart, 'À payer en ligne à la validation');
    await expect(cart).to.be.accessible();

    // Valider: the parent would leave for the payment page; the test takes the page's address instead.
    const redirect = oneEvent(cart, 'foyer-payment-redirect') as Promise<FoyerPaymentRedirectEvent>;
    cart.addEventListener('foyer-payment-redirect', (e) => e.preventDefault(), { once: true });
    $<HTMLButtonElement>(cart, 'button[part="checkout"]').click();
    const { detail } = await redirect;
    await waitForText(cart, 'Paiement nécessaire');
    expect($(calendar, `button[data-key$="|${date}"]`).classList.contains('booked')).to.equal(false);

    // In another tab: the hosted page, "Payer", and back to the town's page with ?foyer-payment=<id>.
    const back = new URL(await payOnDemoPage(detail.url));
    expect(back.origin + back.pathname).to.equal(returnUrl);
    expect(back.searchParams.get('foyer-payment')).to.equal(detail.paymentId);

    // Back on the page (reloaded): the sign-in is resumed from the tab's session storage.
    provider.remove();
    setPageParam('foyer-payment', detail.paymentId);
    provider = await mountProvider(
      html`<foyer-calendar date=${LEISURE_WEEK} weeks="2"></foyer-calendar><foyer-cart return-url=${returnUrl}></foyer-cart>`,
      { storage: 'session', id: 'payment-test' },
    );
    expect(storeOf(provider).signedIn).to.equal(true);
    const returned = provider.querySelector<FoyerCart>('foyer-cart')!;
    await waitForText(returned, 'Paiement accepté');
    expect(new URL(window.location.href).searchParams.has('foyer-payment')).to.equal(false);
    await expect(returned).to.be.accessible();

    calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await waitUntil(() => storeOf(provider).childrenState === 'ready', 'no children');
    await leisureCalendar(calendar);
    expect($(calendar, `button[data-key$="|${date}"]`).classList.contains('booked')).to.equal(true);
    await storeOf(provider).logout();
  });
});
