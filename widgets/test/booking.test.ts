import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import type { FoyerCheckoutCompletedEvent } from '../src/events/checkout-completed.js';
import type { FoyerLogin } from '../src/login/login.component.js';
import { addDays, isoWeek } from '../src/shared/dates.js';
import { bookable, days as dates, dayMonth, familyDays, firstMonday } from './days.js';
import { $, $$, DEMO, fill, mountProvider, storeOf, text, waitForText } from './helpers.js';

/** The day buttons of a calendar for one activity, by date. */
function days(calendar: FoyerCalendar, activityName: string): Map<string, HTMLButtonElement> {
  const activity = calendar.data?.activities.find((a) => a.name === activityName);
  const buttons = $$<HTMLButtonElement>(calendar, `button.cell[data-key^="${activity?.id}|"]`);
  return new Map(buttons.map((b) => [b.dataset.key?.split('|')[1] ?? '', b]));
}

async function calendarLoaded(calendar: FoyerCalendar, childFirstName: string): Promise<void> {
  await waitUntil(
    () => calendar.dataState === 'ready' && calendar.data?.child.firstName === childFirstName,
    `the calendar of ${childFirstName} did not load`,
    { timeout: 10_000 },
  );
  await calendar.updateComplete;
}

describe('booking canteen days for two children', () => {
  it('signs in, books three days for Alvaro and the same for Lucia, validates, and shows them booked', async () => {
    // Two weeks with three canteen days both children can still book.
    const family = await familyDays();
    const free = family.children.map((c) => bookable(c, 'REPAS'));
    const monday = firstMonday(
      family,
      (m) => dates(m, ...Array.from({ length: 12 }, (_, i) => i)).filter((d) => free.every((set) => set.has(d))).length >= 3,
      'three canteen days for both children',
    );
    const provider = await mountProvider(
      html`<foyer-login></foyer-login>
        <foyer-calendar date=${monday} weeks="2"></foyer-calendar>
        <foyer-cart></foyer-cart>`,
    );
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await expect(login).to.be.accessible();

    // Sign in through the form.
    fill($<HTMLInputElement>(login, 'input[name="email"]'), DEMO.parent);
    fill($<HTMLInputElement>(login, 'input[name="password"]'), DEMO.password);
    $<HTMLButtonElement>(login, 'button[type="submit"]').click();
    await waitForText(login, 'Maria Sanchez-Cordoves');
    const store = storeOf(provider);
    await store.client.cart.empty(store.callOptions);
    await store.loadCart();

    // The weekly forecast of the canteen, Alvaro first (the eldest).
    await calendarLoaded(calendar, 'Alvaro');
    expect(text(calendar)).to.match(
      new RegExp(`Semaine ${isoWeek(monday)}\\s*du ${dayMonth(monday)} au ${dayMonth(addDays(monday, 4))}`),
    );
    await expect(calendar).to.be.accessible();

    // Three days both children can still book.
    const lucia = store.children.find((c) => c.firstName === 'Lucia')!;
    const luciaCanteen = lucia.enrolments.find((e) => e.activity.name === 'REPAS')!.activity.id;
    const luciaCalendar = await store.client.calendar.get(lucia.id, { from: monday, to: addDays(monday, 11) }, store.callOptions);
    const luciaFree = new Set(luciaCalendar.cells.filter((c) => c.activityId === luciaCanteen && c.canBook).map((c) => c.date));
    const chosen = [...days(calendar, 'REPAS')]
      .filter(([date, button]) => button.classList.contains('bookable') && luciaFree.has(date))
      .slice(0, 3);
    expect(chosen).to.have.length(3);

    for (const [, button] of chosen) {
      button.click();
      await calendar.updateComplete;
      // The change shows at once, before the API answers.
      expect(button.classList.contains('pending-book'), button.getAttribute('aria-label') ?? '').to.equal(true);
    }
    await waitForText(cart, 'ALVARO SANCHEZ-CORDOVES — 3 REPAS');
    await waitForText(calendar, 'Ajouté au panier');

    // Lucia gets the same days in one action.
    $<HTMLButtonElement>(calendar, '.bulk button[type="button"]').click();
    await waitForText(cart, 'LUCIA SANCHEZ-CORDOVES — 3 REPAS');
    await waitForText(calendar, '3 jours ajoutés au panier.');
    await expect(cart).to.be.accessible();

    // Valider: every line booked.
    const completed = oneEvent(document, 'foyer-checkout-completed') as Promise<FoyerCheckoutCompletedEvent>;
    $<HTMLButtonElement>(cart, 'button[part="checkout"]').click();
    const { detail } = await completed;
    expect(detail.checkout.status).to.equal('confirmed');
    expect(detail.checkout.lines.map((l) => l.outcome)).to.deep.equal(Array(6).fill('booked'));
    await waitForText(cart, 'Demande enregistrée');
    expect($$(cart, '.outcomes li')).to.have.length(6);
    expect(cart.shadowRoot?.activeElement?.textContent).to.contain('Demande enregistrée');
    await expect(cart).to.be.accessible();

    // The calendar reloads: the three days are booked.
    await waitUntil(
      () => chosen.every(([date]) => days(calendar, 'REPAS').get(date)?.classList.contains('booked')),
      'not booked',
      {
        timeout: 10_000,
      },
    );
    fill($<HTMLSelectElement>(calendar, 'select#child'), lucia.id);
    await calendarLoaded(calendar, 'Lucia');
    for (const [date] of chosen) expect(days(calendar, 'REPAS').get(date)?.classList.contains('booked')).to.equal(true);
    await expect(calendar).to.be.accessible();
  });
});
