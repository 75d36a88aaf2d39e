import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { FoyerAdminBookings } from '../../src/admin/bookings/bookings.component.js';
import type { FoyerAdminExports } from '../../src/admin/exports/exports.component.js';
import { $, $$, fill, text, waitForText } from '../helpers.js';
import { mountSignedIn, section } from './admin-helpers.js';

interface Fixture {
  waitlist: { activityId: string; date: string; children: { firstName: string; lastName: string }[] };
  late: { bookingId: string; firstName: string; lastName: string }[];
}

const KITCHEN = 'kitchen.demo@example.org';
const ANIMATOR = 'animator.demo@example.org';

/** The button of a card or row whose hidden text names `who`. */
function button(host: HTMLElement, label: string, who: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(host, 'button').find((b) => {
    const t = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
    return t.startsWith(label) && t.includes(who);
  });
  if (!found) throw new Error(`no button "${label}" for ${who}; the screen shows: ${text(host).slice(0, 500)}`);
  return found;
}

describe('<foyer-admin-bookings> and <foyer-admin-exports>', () => {
  let fixture: Fixture;
  // Made once for the three tests, by the first that runs (they run in order).
  beforeEach(async () => {
    fixture ??= await executeServerCommand('foyer-office-day');
  });
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('lets an agent decide late cancellations, with axe-core clean in every state', async () => {
    await setViewport({ width: 1024, height: 1000 });
    window.history.replaceState(null, '', '#reservations');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-bookings'), 'no bookings section');
    const screen = section<FoyerAdminBookings>(app, 'foyer-admin-bookings');
    await waitUntil(() => screen.lateCancellations && screen.waitlists, 'the lists did not load', { timeout: 10_000 });
    await screen.updateComplete;
    const [first, second] = fixture.late;
    if (!first || !second) throw new Error('the fixture made no late cancellation');
    await waitForText(screen, `${first.firstName} ${first.lastName}`);
    expect(text(screen)).to.contain('Sortie scolaire');
    await expect(screen).to.be.accessible();

    button(screen, 'Accepter et rembourser', `${first.firstName}`).click();
    await waitForText(screen, `Annulation de ${first.firstName} acceptée, avec un avoir`);
    await waitUntil(() => !screen.lateCancellations?.some((l) => l.bookingId === first.bookingId), 'the decided one stayed');
    await expect(screen).to.be.accessible();

    // Refusing needs a reason: sent empty, the form says so, then with one.
    const card = $$<HTMLElement>(screen, 'li.card').find((li) =>
      li.textContent?.includes(`${second.firstName} ${second.lastName}`),
    );
    if (!card) throw new Error('no card for the second late cancellation');
    card.querySelector('details')?.setAttribute('open', '');
    const form = card.querySelector('form') as HTMLFormElement;
    form.requestSubmit();
    await waitUntil(() => card.querySelector('[aria-invalid="true"]'), 'the empty reason was not refused');
    await expect(screen).to.be.accessible();
    fill(card.querySelector('textarea') as unknown as HTMLInputElement, 'Absence non justifiée');
    form.requestSubmit();
    await waitForText(screen, `Annulation de ${second.firstName} refusée`);
    await expect(screen).to.be.accessible();
  });

  it('lets an agent give a waiting child a place over capacity once confirmed, and shows who promoted whom', async () => {
    window.history.replaceState(null, '', '#reservations');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-bookings'), 'no bookings section');
    const screen = section<FoyerAdminBookings>(app, 'foyer-admin-bookings');
    await waitUntil(() => screen.waitlists, 'the waiting lists did not load', { timeout: 10_000 });
    await screen.updateComplete;
    const [earlier, later] = fixture.waitlist.children;
    if (!earlier || !later) throw new Error('the fixture put fewer than two children on the list');
    const day = screen.waitlists?.find((d) => d.activity.id === fixture.waitlist.activityId && d.date === fixture.waitlist.date);
    expect(day?.waiting.map((w) => w.child.firstName)).to.deep.equal([earlier.firstName, later.firstName]);
    await expect(screen).to.be.accessible();

    button(screen, 'Donner une place', later.firstName).click();
    await waitForText(screen, `La journée est complète : confirmez pour donner quand même une place à ${later.firstName}`);
    await expect(screen).to.be.accessible();
    button(screen, 'Dépasser la capacité', later.firstName).click();
    await waitForText(screen, `${later.firstName} a une place`);
    await waitUntil(
      () =>
        screen.waitlists
          ?.find((d) => d.activity.id === fixture.waitlist.activityId && d.date === fixture.waitlist.date)
          ?.promoted.some((p) => p.child.firstName === later.firstName),
      'the promotion is not in the list',
    );
    await screen.updateComplete;
    const promotedRow = $$<HTMLTableRowElement>(screen, 'tr').find(
      (tr) => tr.textContent?.includes(later.lastName) && tr.querySelectorAll('td').length === 3,
    );
    // "By": the agent signed in, as the header names them; not "automatically".
    const agentName = app.shadowRoot?.querySelector('.who span')?.textContent?.split('·')[0]?.trim() ?? '';
    expect(agentName).not.to.equal('');
    expect(promotedRow?.textContent).to.contain(agentName);
    await expect(screen).to.be.accessible();
  });

  it('exports the bookings of a period with a row counter, and opens nothing of it to the kitchen but meal counts', async () => {
    window.history.replaceState(null, '', '#exports');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-exports'), 'no exports section');
    // The section's module comes when it is first shown.
    await customElements.whenDefined('foyer-admin-exports');
    const exports = section<FoyerAdminExports>(app, 'foyer-admin-exports');
    await exports.updateComplete;
    expect($$<HTMLOptionElement>(exports, '#kind option').map((o) => o.value)).to.deep.equal([
      'bookings',
      'attendance',
      'mealCounts',
    ]);
    fill($<HTMLInputElement>(exports, '#from'), fixture.waitlist.date);
    fill($<HTMLInputElement>(exports, '#to'), fixture.waitlist.date);
    await expect(exports).to.be.accessible();
    $<HTMLFormElement>(exports, 'form').requestSubmit();
    await waitUntil(() => exports.result, 'the export did not finish', { timeout: 20_000 });
    await exports.updateComplete;
    expect(exports.result?.rows).to.be.greaterThan(0);
    const link = $<HTMLAnchorElement>(exports, '.result a');
    expect(link.getAttribute('download')).to.match(/^ville-de-demo-bookings-.*\.csv$/);
    const csv = await exports.result?.blob.text();
    expect(csv?.split('\r\n')[0]).to.contain('Date;Site;Code activité');
    expect(text(exports)).to.contain(`Export prêt : ${exports.result?.rows} lignes.`);
    await expect(exports).to.be.accessible();

    window.history.replaceState(null, '', '#exports');
    const { app: kitchenApp } = await mountSignedIn(KITCHEN);
    await waitUntil(() => kitchenApp.shadowRoot?.querySelector('foyer-admin-exports'), 'no exports section for the kitchen');
    const kitchenExports = section<FoyerAdminExports>(kitchenApp, 'foyer-admin-exports');
    await kitchenExports.updateComplete;
    expect($$<HTMLOptionElement>(kitchenExports, '#kind option').map((o) => o.value)).to.deep.equal(['mealCounts']);
    expect(kitchenApp.shadowRoot?.querySelector('nav')?.textContent).not.to.contain('Réservations');
    await expect(kitchenExports).to.be.accessible();

    window.history.replaceState(null, '', '#reservations');
    const { app: animatorApp } = await mountSignedIn(ANIMATOR);
    await waitUntil(() => animatorApp.shadowRoot?.querySelector('foyer-admin-roll-call'), 'no roll call for the animator');
    expect(animatorApp.shadowRoot?.querySelector('foyer-admin-bookings')).to.equal(null);
    expect(animatorApp.shadowRoot?.querySelector('nav')?.textContent).not.to.match(/Réservations|Exports/);
  });
});
