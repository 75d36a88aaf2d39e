import { expect, html, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import { mondayOf } from '../src/shared/dates.js';
import { activityOf, child, familyDays } from './days.js';
import { $, fill, mountProvider, signIn, waitForText } from './helpers.js';

describe('<foyer-calendar> absence report', () => {
  it('asks why the child will be absent, says it is in time, and puts the reason in the cart', async () => {
    // A booked day of Alvaro's still cancellable without asking anyone, as the API says.
    const family = await familyDays();
    const alvaro = child(family, 'Alvaro');
    const cell = alvaro.cells.find((c) => c.status === 'booked' && c.canCancel && c.pending === null && c.date >= family.today);
    expect(cell, `a cancellable booked day of Alvaro's from ${family.today}`).to.exist;
    const activity = activityOf(alvaro, cell!.activityId);
    const provider = await mountProvider(html`<foyer-calendar date=${mondayOf(cell!.date)} weeks="1"></foyer-calendar>`);
    const store = await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    await waitUntil(() => calendar.dataState === 'ready', 'the calendar did not load', { timeout: 10_000 });
    // Alvaro's calendar: in the holidays the first cancellable day may be the leisure centre's,
    // where the calendar shows first another child of the service.
    const children = (calendar.shadowRoot ?? calendar).querySelector<HTMLSelectElement>('select#child');
    if (children && children.value !== alvaro.id) {
      fill(children, alvaro.id);
      await waitUntil(() => calendar.dataState === 'ready' && calendar.data?.child.id === alvaro.id, 'not Alvaro', {
        timeout: 10_000,
      });
      await calendar.updateComplete;
    }
    // By the activity, not the service's name: two services may share one (Centre de loisirs).
    const service = store.children.flatMap((c) => c.enrolments).find((e) => e.activity.id === activity.id)!.service;
    fill($<HTMLSelectElement>(calendar, 'select#service'), service.id);
    // Until the service's own days are in (the state is still 'ready' from the first service's).
    await waitUntil(
      () => calendar.dataState === 'ready' && calendar.data?.activities.some((a) => a.id === activity.id),
      'no service',
      { timeout: 10_000 },
    );
    await calendar.updateComplete;

    const key = `${cell!.activityId}|${cell!.date}`;
    $<HTMLButtonElement>(calendar, `button.cell[data-key="${key}"]`).click();
    await calendar.updateComplete;
    const dialog = $<HTMLDialogElement>(calendar, 'dialog#absence');
    await waitUntil(() => dialog.open, 'the absence dialog did not open');
    expect(dialog.querySelector('legend')?.textContent).to.contain('Pourquoi cette absence ?');
    expect(dialog.querySelector('.timing')?.textContent).to.contain('Dans les délais');
    expect([...dialog.querySelectorAll('label.choice')].map((l) => l.textContent?.trim())).to.deep.equal([
      'Malade',
      'Raison familiale',
      'Autre raison',
    ]);
    await expect(calendar).to.be.accessible();

    // No reason, no cancellation: the form asks for one.
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await calendar.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(store.cart?.lines ?? []).to.have.length(0);

    const sick = dialog.querySelector<HTMLInputElement>('input[value="sick"]')!;
    sick.click();
    await calendar.updateComplete;
    expect(dialog.textContent).to.contain('certificat médical');
    const reported = new Promise<CustomEvent>((resolve) =>
      provider.addEventListener('foyer-absence-reported', (e) => resolve(e as CustomEvent), { once: true }),
    );
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitForText(calendar, 'Annulation ajoutée au panier');
    // The page can open its request form on the certificate category for this child.
    expect((await reported).detail).to.deep.equal({
      childId: alvaro.id,
      activityId: cell!.activityId,
      date: cell!.date,
      absence: 'sick',
      late: false,
    });
    expect(dialog.open).to.equal(false);
    await waitUntil(() => store.cart?.lines.some((l) => !l.id.startsWith('pending:')), 'the cart did not answer');
    expect(store.cart?.lines.map((l) => ({ date: l.date, action: l.action, absence: l.absence }))).to.deep.equal([
      { date: cell!.date, action: 'cancel', absence: 'sick' },
    ]);
    // Leave the cart as it was found, for the next tests.
    await store.removeLine({ childId: alvaro.id, activityId: cell!.activityId, date: cell!.date });
  });
});
