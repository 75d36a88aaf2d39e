import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import type { FoyerLogin } from '../src/login/login.component.js';
import { addDays, addMonths, firstOfMonth, mondayOf } from '../src/shared/dates.js';
import { apiToday, bookable, cellsOf, child, dayAndMonth, days, familyDays, firstMonday, literal, spoken } from './days.js';
import { $, DEMO, mountProvider, storeOf, waitForText } from './helpers.js';

/** The element that has the keyboard focus, inside shadow roots. */
function focused(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

/** Presses Tab until `accept` likes the focused element. */
async function tabTo(accept: (el: HTMLElement) => boolean, what: string): Promise<HTMLElement> {
  for (let i = 0; i < 25; i++) {
    await sendKeys({ press: 'Tab' });
    const el = focused();
    if (el && accept(el)) return el;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function press(key: string): Promise<HTMLElement | null> {
  await sendKeys({ press: key });
  await new Promise((resolve) => setTimeout(resolve, 30));
  return focused();
}

const dateOf = (el: HTMLElement | null) => el?.dataset.key?.split('|')[1];

describe('keyboard only', () => {
  it('signs in, books days with the arrow keys and validates the cart without a mouse', async () => {
    // A week whose Monday, Tuesday and Thursday Léo can still book.
    const family = await familyDays(DEMO.parent2);
    const leo = cellsOf(child(family, 'Léo'), 'REPAS');
    const free = bookable(child(family, 'Léo'), 'REPAS');
    const monday = firstMonday(family, (m) => days(m, 0, 1, 3).every((d) => free.has(d)), 'three days for Léo');
    const [tuesday, thursday, friday, nextMonday, inTwoWeeks] = days(monday, 1, 3, 4, 7, 14) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const provider = await mountProvider(
      html`<foyer-login></foyer-login>
        <foyer-calendar date=${monday} weeks="2"></foyer-calendar>
        <foyer-cart></foyer-cart>`,
    );
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;

    $<HTMLInputElement>(login, 'input[name="email"]').focus();
    await sendKeys({ type: DEMO.parent2 });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: DEMO.password });
    await sendKeys({ press: 'Enter' });
    await waitForText(login, 'Camille Martin');
    // Focus moves to who is signed in.
    expect(focused()?.textContent).to.contain('Camille Martin');
    const store = storeOf(provider);
    await store.client.cart.empty(store.callOptions);
    await store.loadCart();
    await waitUntil(() => calendar.dataState === 'ready' && calendar.data?.child.firstName === 'Léo', 'no calendar', {
      timeout: 10_000,
    });
    await calendar.updateComplete;

    // One tab stop into the grid: the first day shown.
    const first = await tabTo((el) => el.matches('button.cell'), 'the calendar grid');
    expect(dateOf(first)).to.equal(monday);
    expect(first.getAttribute('aria-label')).to.match(new RegExp(`^${literal(dayAndMonth(monday))}, REPAS : réservable`));

    await press(' ');
    await waitUntil(() => first.classList.contains('pending-book'), 'Space did not add the day');
    let cell = await press('ArrowRight');
    expect(dateOf(cell)).to.equal(tuesday);
    await press('Enter');
    cell = await press('ArrowRight');
    cell = await press('ArrowRight');
    expect(dateOf(cell)).to.equal(thursday);
    await press(' ');
    await waitForText(cart, 'LÉO MARTIN — 3 REPAS');

    // Home/End along the week, PageDown/PageUp by two weeks; one tab stop only.
    expect(dateOf(await press('End'))).to.equal(friday);
    expect(dateOf(await press('Home'))).to.equal(monday);
    expect(dateOf(await press('ArrowDown'))).to.equal(nextMonday);
    expect(dateOf(await press('ArrowUp'))).to.equal(monday);
    // Two weeks later, loaded and said as the API has it (a school holiday, when it is one).
    cell = await press('PageDown');
    expect(dateOf(cell)).to.equal(inTwoWeeks);
    await waitUntil(
      () =>
        focused()
          ?.getAttribute('aria-label')
          ?.startsWith(`${dayAndMonth(inTwoWeeks)}, REPAS`),
      'no label',
      { timeout: 10_000 },
    );
    if (leo.get(inTwoWeeks)?.reason === 'school_holiday') {
      expect(focused()?.getAttribute('aria-label')).to.contain('vacances scolaires');
    }
    cell = await press('PageUp');
    expect(dateOf(cell)).to.equal(monday);
    expect(calendar.shadowRoot?.querySelectorAll('button.cell[tabindex="0"]')).to.have.length(1);

    // On to Valider, and Enter.
    await tabTo((el) => el.getAttribute('part') === 'checkout', 'Valider');
    await press('Enter');
    await waitForText(cart, 'Demande enregistrée');
    expect(focused()?.textContent).to.contain('Demande enregistrée');
    await waitUntil(
      () => calendar.shadowRoot?.querySelector(`button[data-key$="|${thursday}"]`)?.classList.contains('booked') === true,
      'the days were not shown booked',
      { timeout: 10_000 },
    );
  });

  it('turns the months with PageUp and PageDown in the month view', async () => {
    // The first Monday of this month: a week down and a month on is still in the next month's grid.
    const month = firstOfMonth(await apiToday());
    const start = mondayOf(addDays(month, 6));
    const down = addDays(start, 7);
    const next = `${addMonths(month, 1).slice(0, 7)}-${down.slice(8)}`;
    const provider = await mountProvider(html`<foyer-calendar date=${start} view="month"></foyer-calendar>`);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await storeOf(provider).login(DEMO.parent2, DEMO.password);
    await waitUntil(() => calendar.dataState === 'ready', 'no calendar', { timeout: 10_000 });
    await calendar.updateComplete;
    const monthName = (date: string) => spoken(date, { month: 'long', year: 'numeric' });
    expect(calendar.shadowRoot?.querySelector('caption')?.textContent).to.contain(monthName(month));
    $<HTMLButtonElement>(calendar, 'button.cell[tabindex="0"]').focus();
    expect(dateOf(focused())).to.equal(start);
    expect(dateOf(await press('ArrowDown'))).to.equal(down);
    expect(dateOf(await press('PageDown'))).to.equal(next);
    await waitUntil(
      () => calendar.shadowRoot?.querySelector('caption')?.textContent?.includes(monthName(next)),
      `no ${monthName(next)}`,
    );
    expect(dateOf(await press('Home'))).to.equal(mondayOf(next));
    expect(dateOf(await press('ArrowLeft'))).to.equal(addDays(mondayOf(next), -1));
    await expect(calendar).to.be.accessible();
  });
});
