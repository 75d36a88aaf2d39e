import { expect, html, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import { $, $$, fill, mountProvider, signIn, waitForText } from './helpers.js';

async function loaded(calendar: FoyerCalendar): Promise<void> {
  await waitUntil(() => calendar.dataState === 'ready', 'the calendar did not load', { timeout: 10_000 });
  await calendar.updateComplete;
}

async function showService(calendar: FoyerCalendar, name: string): Promise<void> {
  const service = calendar.store!.children.flatMap((c) => c.enrolments).find((e) => e.service.name === name)!.service;
  fill($<HTMLSelectElement>(calendar, 'select#service'), service.id);
  await calendar.updateComplete;
  await waitUntil(() => calendar.dataState === 'ready' && calendar.serviceId === service.id, `no ${name}`, { timeout: 10_000 });
  await calendar.updateComplete;
}

describe('<foyer-calendar>', () => {
  it('says why a day past its deadline cannot be booked, and books nothing', async () => {
    // The API's clock: Saturday 28 November 2026, noon. Childcare closes at 18:00 the working day before.
    const provider = await mountProvider(
      html`<foyer-calendar date="2026-11-30" weeks="1"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await loaded(calendar);
    await showService(calendar, 'Accueil périscolaire');

    const late = $$<HTMLButtonElement>(calendar, 'button.cell.deadline').find((b) => b.dataset.key?.endsWith('|2026-11-30'));
    expect(late, 'a Monday childcare day past its deadline').to.exist;
    expect(late!.getAttribute('aria-disabled')).to.equal('true');
    expect(late!.getAttribute('aria-label')).to.match(
      /lundi 30 novembre, GARDERIE \w+ : non réservable — délai de réservation dépassé \(jusqu'au .*27 nov/,
    );
    late!.click();
    await waitForText(calendar, 'délai de réservation dépassé');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.cart?.lines).to.have.length(0);
    await waitForText(cart, 'Votre panier est vide');
    expect(text(calendar)).to.contain('Délai dépassé');
    await expect(calendar).to.be.accessible();
  });

  it('shows attendance on past days', async () => {
    const provider = await mountProvider(html`<foyer-calendar date="2026-11-02" weeks="4"></foyer-calendar>`);
    await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    const present = $$(calendar, 'button.cell.present');
    const excused = $$(calendar, 'button.cell.absent-justified');
    expect(present.length).to.be.greaterThan(5);
    expect(excused, 'Alvaro was ill two days').to.have.length(2);
    expect(excused[0]!.getAttribute('aria-label')).to.contain('absent (justifié)');
    expect(excused[0]!.textContent?.trim()).to.equal('J');
    await expect(calendar).to.be.accessible();
  });

  it('books a period on chosen weekdays, for all the children at once', async () => {
    const provider = await mountProvider(
      html`<foyer-calendar date="2027-01-11" view="period"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await calendar.updateComplete;
    fill($<HTMLInputElement>(calendar, 'input[name="from"]'), '2027-01-11');
    fill($<HTMLInputElement>(calendar, 'input[name="to"]'), '2027-01-22');
    // Mondays and Thursdays only.
    for (const box of $$<HTMLInputElement>(calendar, 'input[name="weekday"]')) box.checked = ['1', '4'].includes(box.value);
    $<HTMLInputElement>(calendar, 'input[name="allChildren"]').checked = true;
    await expect(calendar).to.be.accessible();
    $<HTMLButtonElement>(calendar, 'form.period button[type="submit"]').click();
    await waitForText(calendar, '8 jours ajoutés au panier.');
    await waitForText(cart, 'ALVARO SANCHEZ-CORDOVES — 4 REPAS');
    await waitForText(cart, 'LUCIA SANCHEZ-CORDOVES — 4 REPAS');
    expect(store.cart?.lines.map((l) => l.date).sort()).to.deep.equal([
      '2027-01-11',
      '2027-01-11',
      '2027-01-14',
      '2027-01-14',
      '2027-01-18',
      '2027-01-18',
      '2027-01-21',
      '2027-01-21',
    ]);
    await store.client.cart.empty(store.callOptions);
  });

  it('repeats a week until a date in one action, and says which days it skipped', async () => {
    const provider = await mountProvider(
      html`<foyer-calendar date="2027-01-11" weeks="1"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    for (const date of ['2027-01-11', '2027-01-12']) {
      $<HTMLButtonElement>(calendar, `button.cell[data-key$="|${date}"]`).click();
      await calendar.updateComplete;
    }
    await waitUntil(
      () => store.cart?.lines.length === 2 && !store.cart.lines.some((l) => l.id.startsWith('pending:')),
      'not added',
    );
    expect($(calendar, 'label[for="until"]').textContent).to.match(/Répéter la semaine 2 \(du 11\/01 au 15\/01\) jusqu'au/);
    fill($<HTMLInputElement>(calendar, 'input#until'), '2027-01-29');
    $<HTMLButtonElement>(calendar, 'form.repeat button[type="submit"]').click();
    await waitForText(calendar, '4 jours ajoutés au panier.');
    expect(store.cart?.lines.map((l) => l.date)).to.deep.equal([
      '2027-01-11',
      '2027-01-12',
      '2027-01-18',
      '2027-01-19',
      '2027-01-25',
      '2027-01-26',
    ]);
    await store.client.cart.empty(store.callOptions);
  });

  it('takes a day back out of the cart with a second click', async () => {
    const provider = await mountProvider(html`<foyer-calendar date="2027-01-11" weeks="1"></foyer-calendar>`);
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    const day = $<HTMLButtonElement>(calendar, 'button.cell[data-key$="|2027-01-14"]');
    day.click();
    day.click();
    await waitForText(calendar, 'Retiré du panier');
    expect(day.classList.contains('bookable')).to.equal(true);
    await waitUntil(() => store.cart?.lines.length === 0, 'the line stayed');
  });

  it('shows a month of one activity', async () => {
    const provider = await mountProvider(html`<foyer-calendar date="2026-12-01" view="month"></foyer-calendar>`);
    await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    expect($(calendar, 'caption').textContent).to.contain('décembre 2026 — REPAS — Alvaro SANCHEZ-CORDOVES');
    expect($$(calendar, 'thead th')).to.have.length(7);
    expect($$(calendar, 'button.cell')).to.have.length(31);
    expect($(calendar, 'button.cell[data-key$="|2026-12-22"]').getAttribute('aria-label')).to.contain('vacances scolaires');
    await expect(calendar).to.be.accessible();
  });
});

function text(host: Element): string {
  return (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}
