import { expect, html, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCart } from '../src/cart/cart.component.js';
import { addDays, isoWeek, lastOfMonth, mondayOf } from '../src/shared/dates.js';
import {
  activityOf,
  bookable,
  cellsOf,
  child,
  dayAndMonth,
  dayMonth,
  days,
  familyDays,
  first,
  firstMonday,
  literal,
  spoken,
} from './days.js';
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
    // A day still to come whose booking deadline has passed (childcare closes at 18:00 the
    // working day before, the canteen two days before at 10:00, the leisure centre the Thursday
    // of the week before), childcare first, as the API says of Alvaro's next two weeks.
    const family = await familyDays();
    const alvaro = child(family, 'Alvaro');
    const late = alvaro.cells
      .filter((c) => c.reason === 'deadline_passed' && c.date >= family.today && c.date <= addDays(family.today, 13))
      .map((cell) => ({ cell, activity: activityOf(alvaro, cell.activityId) }))
      .sort(
        (a, b) =>
          Number(b.activity.service === 'Accueil périscolaire') - Number(a.activity.service === 'Accueil périscolaire') ||
          a.cell.date.localeCompare(b.cell.date),
      )[0];
    expect(late, `a day of Alvaro's past its deadline from ${family.today}`).to.exist;
    const { cell, activity } = late!;
    const provider = await mountProvider(
      html`<foyer-calendar date=${mondayOf(cell.date)} weeks="1"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await loaded(calendar);
    await showService(calendar, activity.service);

    const button = $<HTMLButtonElement>(calendar, `button.cell.deadline[data-key="${cell.activityId}|${cell.date}"]`);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    const deadlineDay = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'Europe/Paris' }).format(
      new Date(cell.bookingDeadline!),
    );
    expect(button.getAttribute('aria-label')).to.match(
      new RegExp(
        `^${literal(dayAndMonth(cell.date))}, ${literal(activity.name)} : non réservable — délai de réservation dépassé \\(jusqu'au .*${literal(deadlineDay)}`,
      ),
    );
    button.click();
    await waitForText(calendar, 'délai de réservation dépassé');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.cart?.lines).to.have.length(0);
    await waitForText(cart, 'Votre panier est vide');
    expect(text(calendar)).to.contain('Délai dépassé');
    await expect(calendar).to.be.accessible();
  });

  it('shows attendance on past days', async () => {
    // The seed's story: the school days of the last four weeks at the canteen, Alvaro ill on two.
    const family = await familyDays();
    const attended = [...cellsOf(child(family, 'Alvaro'), 'REPAS').values()].filter((c) => c.attendance !== null);
    const dates = attended.map((c) => c.date).sort();
    expect(dates, `attendance before ${family.today}`).to.not.be.empty;
    const from = mondayOf(dates[0]!);
    const weeks = Math.floor(daysBetween(from, dates.at(-1)!) / 7) + 1;
    const provider = await mountProvider(html`<foyer-calendar date=${from} weeks=${weeks}></foyer-calendar>`);
    await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    const present = $$(calendar, 'button.cell.present');
    const excused = $$(calendar, 'button.cell.absent-justified');
    expect(present.length, 'every day Alvaro ate at the canteen').to.equal(
      attended.filter((c) => c.attendance === 'present').length,
    );
    expect(present.length).to.be.greaterThan(2);
    expect(excused, 'Alvaro was ill two days').to.have.length(2);
    expect(excused[0]!.getAttribute('aria-label')).to.contain('absent (justifié)');
    expect(excused[0]!.textContent?.trim()).to.equal('J');
    await expect(calendar).to.be.accessible();
  });

  it('books a period on chosen weekdays, for all the children at once', async () => {
    // Two school weeks whose Mondays and Thursdays both children can still book.
    const family = await familyDays();
    const free = family.children.map((c) => bookable(c, 'REPAS'));
    const monday = firstMonday(
      family,
      (m) => days(m, 0, 3, 7, 10).every((d) => free.every((set) => set.has(d))),
      'two weeks of Mondays and Thursdays to book',
    );
    const provider = await mountProvider(
      html`<foyer-calendar date=${monday} view="period"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const cart = provider.querySelector<FoyerCart>('foyer-cart')!;
    await calendar.updateComplete;
    fill($<HTMLInputElement>(calendar, 'input[name="from"]'), monday);
    fill($<HTMLInputElement>(calendar, 'input[name="to"]'), addDays(monday, 11));
    // Mondays and Thursdays only.
    for (const box of $$<HTMLInputElement>(calendar, 'input[name="weekday"]')) box.checked = ['1', '4'].includes(box.value);
    $<HTMLInputElement>(calendar, 'input[name="allChildren"]').checked = true;
    await expect(calendar).to.be.accessible();
    $<HTMLButtonElement>(calendar, 'form.period button[type="submit"]').click();
    await waitForText(calendar, '8 jours ajoutés au panier.');
    await waitForText(cart, 'ALVARO SANCHEZ-CORDOVES — 4 REPAS');
    await waitForText(cart, 'LUCIA SANCHEZ-CORDOVES — 4 REPAS');
    expect(store.cart?.lines.map((l) => l.date).sort()).to.deep.equal(days(monday, 0, 0, 3, 3, 7, 7, 10, 10));
    await store.client.cart.empty(store.callOptions);
  });

  it('repeats a week until a date in one action, and says which days it skipped', async () => {
    // Three school weeks whose Mondays and Tuesdays Alvaro can still book.
    const family = await familyDays();
    const free = bookable(child(family, 'Alvaro'), 'REPAS');
    const monday = firstMonday(family, (m) => days(m, 0, 1, 7, 8, 14, 15).every((d) => free.has(d)), 'three weeks to repeat');
    const provider = await mountProvider(
      html`<foyer-calendar date=${monday} weeks="1"></foyer-calendar><foyer-cart></foyer-cart>`,
    );
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    for (const date of days(monday, 0, 1)) {
      $<HTMLButtonElement>(calendar, `button.cell[data-key$="|${date}"]`).click();
      await calendar.updateComplete;
    }
    await waitUntil(
      () => store.cart?.lines.length === 2 && !store.cart.lines.some((l) => l.id.startsWith('pending:')),
      'not added',
      { timeout: 10_000 },
    );
    expect($(calendar, 'label[for="until"]').textContent).to.match(
      new RegExp(
        `Répéter la semaine ${isoWeek(monday)} \\(du ${dayMonth(monday)} au ${dayMonth(addDays(monday, 4))}\\) jusqu'au`,
      ),
    );
    fill($<HTMLInputElement>(calendar, 'input#until'), addDays(monday, 18));
    $<HTMLButtonElement>(calendar, 'form.repeat button[type="submit"]').click();
    await waitForText(calendar, '4 jours ajoutés au panier.');
    expect(store.cart?.lines.map((l) => l.date)).to.deep.equal(days(monday, 0, 1, 7, 8, 14, 15));
    await store.client.cart.empty(store.callOptions);
  });

  it('takes a day back out of the cart with a second click', async () => {
    const date = first(bookable(child(await familyDays(), 'Alvaro'), 'REPAS'), 'canteen day to book');
    const provider = await mountProvider(html`<foyer-calendar date=${mondayOf(date)} weeks="1"></foyer-calendar>`);
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    const day = $<HTMLButtonElement>(calendar, `button.cell[data-key$="|${date}"]`);
    day.click();
    day.click();
    await waitForText(calendar, 'Retiré du panier');
    expect(day.classList.contains('bookable')).to.equal(true);
    await waitUntil(() => store.cart?.lines.length === 0, 'the line stayed');
  });

  it('shows a month of one activity', async () => {
    // The first month still to come with a school holiday at the canteen: days ahead, as a
    // parent looks at them to plan.
    const family = await familyDays();
    const holidays = [...cellsOf(child(family, 'Alvaro'), 'REPAS').values()].filter(
      (c) => c.reason === 'school_holiday' && c.date.slice(0, 7) > family.today.slice(0, 7),
    );
    const holiday = first(
      holidays.map((c) => c.date),
      'school holiday',
    );
    const month = `${holiday.slice(0, 7)}-01`;
    const provider = await mountProvider(html`<foyer-calendar date=${month} view="month"></foyer-calendar>`);
    await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await loaded(calendar);
    expect($(calendar, 'caption').textContent).to.contain(
      `${spoken(month, { month: 'long', year: 'numeric' })} — REPAS — Alvaro SANCHEZ-CORDOVES`,
    );
    expect($$(calendar, 'thead th')).to.have.length(7);
    expect($$(calendar, 'button.cell')).to.have.length(Number(lastOfMonth(month).slice(8)));
    expect($(calendar, `button.cell[data-key$="|${holiday}"]`).getAttribute('aria-label')).to.contain('vacances scolaires');
    await expect(calendar).to.be.accessible();
  });
});

/** Days from `from` to `to`. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function text(host: Element): string {
  return (host.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}
