import { createClient } from '@foyer/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminCatalog } from '../../src/admin/catalog/catalog.component.js';
import { addDays } from '../../src/shared/dates.js';
import { apiToday } from '../days.js';
import { $, $$, fill, linkToken, testApi, text, waitForText } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

async function openCatalog(): Promise<FoyerAdminCatalog> {
  window.history.replaceState(null, '', '#catalogue');
  const { app } = await mountSignedIn();
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-catalog'), 'no catalog');
  const catalog = section<FoyerAdminCatalog>(app, 'foyer-admin-catalog');
  await waitUntil(() => catalog.activities.length > 0, 'the activities did not load', { timeout: 10_000 });
  return catalog;
}

function tab(catalog: FoyerAdminCatalog, label: string): void {
  const found = $$<HTMLButtonElement>(catalog, '[role="tab"]').find((t) => t.textContent?.trim() === label);
  if (!found) throw new Error(`no tab ${label}`);
  found.click();
}

async function openForm(catalog: FoyerAdminCatalog, kind: string): Promise<HTMLFormElement> {
  await catalog.updateComplete;
  const details = $<HTMLDetailsElement>(catalog, `#${kind}-details`);
  details.open = true;
  return $<HTMLFormElement>(catalog, `#${kind}-form`);
}

/**
 * An activity of its own, open every weekday without a deadline, and a new family whose child is
 * enrolled in it: a closure of that activity changes no other test's days. `day(date)` is the
 * child's cell that day, as the family's calendar reads it from the API.
 */
async function enrolledChild() {
  const admin = await adminClient();
  const today = await apiToday();
  const [{ services }, { sites }] = await Promise.all([admin.admin.services.list({}), admin.admin.sites.list({})]);
  const activity = await admin.admin.activities.create({
    serviceId: services[0]?.id ?? '',
    siteId: sites[0]?.id ?? '',
    code: `ATELIER-${crypto.randomUUID().slice(0, 4).toUpperCase()}`,
    name: 'Atelier du soir',
    weekdays: [1, 2, 3, 4, 5],
    schoolHolidays: 'open',
    seasonFrom: today,
    seasonTo: addDays(today, 120),
    bookingDeadline: { kind: 'none' },
    cancellationDeadline: { kind: 'none' },
    paymentMode: 'postpaid',
    pricing: { tiers: [{ maxQuotient: null, amountCents: 200 }] },
  });
  const email = `parent.${crypto.randomUUID().slice(0, 8)}@example.org`;
  const household = await admin.admin.households.create({
    name: 'Famille Garnier',
    guardian: { firstName: 'Inès', lastName: 'Garnier', email },
    children: [{ firstName: 'Malo', lastName: 'Garnier', birthDate: '2018-03-14' }],
  });
  const childId = household.children[0]?.id ?? '';
  await admin.admin.enrolments.create({ childId, activityId: activity.id, from: today, to: addDays(today, 120) });
  const { url } = await testApi();
  const parent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await parent.auth.activate({ token: await linkToken(email, 'foyer-invitation'), password: 'un mot de passe de test' });
  const range = { from: today, to: addDays(today, 40) };
  const cells = async () => (await parent.calendar.get(childId, range)).cells.filter((c) => c.activityId === activity.id);
  const [first, second] = (await cells()).filter((c) => c.canBook).map((c) => c.date);
  if (!first || !second) throw new Error('no two bookable days');
  return {
    activity,
    first,
    second,
    day: async (date: string) => (await cells()).find((c) => c.date === date),
    done: async () => {
      await parent.auth.logout();
      await admin.admin.activities.update(activity.id, { archived: true });
    },
  };
}

/** The button `label` of the table row that shows `content`. */
function rowButton(catalog: FoyerAdminCatalog, content: string, label: string): HTMLButtonElement {
  const row = $$<HTMLTableRowElement>(catalog, 'tbody tr').find((tr) => tr.textContent?.includes(content));
  const button = [...(row?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim().startsWith(label));
  if (!button) throw new Error(`no ${label} in the row of ${content}`);
  return button;
}

describe('<foyer-admin-catalog>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it("lists the town's activities with their service, site, days and prices, in tabs", async () => {
    const catalog = await openCatalog();
    expect(text(catalog)).to.contain('Activités');
    expect($$(catalog, 'tbody tr').length).to.be.greaterThan(0);
    expect($(catalog, '[role="tab"][aria-selected="true"]').textContent?.trim()).to.equal('Activités');
    await expect(catalog).to.be.accessible();
  });

  it('creates a service and a site, and refuses a service without a name, naming the field', async () => {
    const catalog = await openCatalog();
    tab(catalog, 'Services');
    let form = await openForm(catalog, 'services');
    $<HTMLButtonElement>(catalog, '#services-form button[type="submit"]').click();
    await waitForText(catalog, 'le nom du service est obligatoire');
    expect($<HTMLInputElement>(catalog, '#s-name').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => catalog.shadowRoot?.activeElement?.id === 's-name', 'focus did not go to the name');
    await expect(catalog).to.be.accessible();

    const name = `Études surveillées ${crypto.randomUUID().slice(0, 4)}`;
    fill($<HTMLInputElement>(catalog, '#s-name'), name);
    fill($<HTMLSelectElement>(catalog, '#s-kind'), 'childcare');
    form.requestSubmit();
    await waitForText(catalog, name);
    await waitForText(catalog, 'Créé.');

    tab(catalog, 'Sites');
    form = await openForm(catalog, 'sites');
    const site = `École des Tilleuls ${crypto.randomUUID().slice(0, 4)}`;
    fill($<HTMLInputElement>(catalog, '#si-name'), site);
    fill($<HTMLInputElement>(catalog, '#si-line1'), '3 rue des Tilleuls');
    fill($<HTMLInputElement>(catalog, '#si-postal'), '6900');
    fill($<HTMLInputElement>(catalog, '#si-city'), 'Démo');
    form.requestSubmit();
    await waitForText(catalog, 'le code postal doit avoir 5 chiffres');
    fill($<HTMLInputElement>(catalog, '#si-postal'), '69000');
    form.requestSubmit();
    await waitForText(catalog, site);
    await expect(catalog).to.be.accessible();
  });

  it('creates an activity with its days, times, deadlines, price tiers, walk-in price and a session, then archives it', async () => {
    const catalog = await openCatalog();
    const form = await openForm(catalog, 'activities');
    const code = `ETUDE-${crypto.randomUUID().slice(0, 4).toUpperCase()}`;
    fill($<HTMLSelectElement>(catalog, '#a-service'), catalog.services[0]?.id ?? '');
    fill($<HTMLSelectElement>(catalog, '#a-site'), catalog.sites[0]?.id ?? '');
    fill($<HTMLInputElement>(catalog, '#a-code'), code);
    fill($<HTMLInputElement>(catalog, '#a-name'), 'Étude du soir');
    fill($<HTMLInputElement>(catalog, '#a-seasonFrom'), '2026-09-01');
    fill($<HTMLInputElement>(catalog, '#a-seasonTo'), '2027-07-03');
    fill($<HTMLInputElement>(catalog, '#a-tier-0-max'), '800');
    fill($<HTMLInputElement>(catalog, '#a-tier-0-amount'), '1,50');
    fill($<HTMLInputElement>(catalog, '#a-tier-1-amount'), '3');
    fill($<HTMLInputElement>(catalog, '#a-walkin'), '4,20');
    fill($<HTMLInputElement>(catalog, '#a-session-0-name'), 'Automne');
    fill($<HTMLInputElement>(catalog, '#a-session-0-from'), '2026-10-19');
    fill($<HTMLInputElement>(catalog, '#a-session-0-to'), '2026-10-30');
    expect($(catalog, 'label[for="a-startsAt"]').textContent).to.contain('Heure de début');
    expect($(catalog, 'label[for="a-endsAt"]').textContent).to.contain('Heure de fin');
    fill($<HTMLInputElement>(catalog, '#a-startsAt'), '16:45');
    fill($<HTMLInputElement>(catalog, '#a-endsAt'), '16:00');
    form.requestSubmit();
    // Refused by the API, next to the end time, which takes the focus.
    await waitForText(catalog, "l'heure de fin doit suivre l'heure de début");
    expect($<HTMLInputElement>(catalog, '#a-endsAt').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => catalog.shadowRoot?.activeElement?.id === 'a-endsAt', 'focus did not go to the end time');
    fill($<HTMLInputElement>(catalog, '#a-endsAt'), '18:00');
    form.requestSubmit();
    await waitUntil(() => catalog.activities.some((a) => a.code === code), 'the activity was not created', { timeout: 10_000 });
    const created = catalog.activities.find((a) => a.code === code);
    expect(created?.weekdays).to.deep.equal([1, 2, 4, 5]);
    expect(created?.pricing.tiers).to.deep.equal([
      { maxQuotient: 800, amountCents: 150 },
      { maxQuotient: null, amountCents: 300 },
    ]);
    expect(created?.walkInSurchargeCents).to.equal(420);
    expect(created).to.include({ startsAt: '16:45', endsAt: '18:00' });
    expect(created?.sessions).to.deep.equal([{ name: 'Automne', from: '2026-10-19', to: '2026-10-30' }]);
    await expect(catalog).to.be.accessible();

    // The edit form opens on the saved times.
    rowButton(catalog, code, 'Modifier').click();
    await waitUntil(() => $<HTMLInputElement>(catalog, '#a-startsAt').value === '16:45', 'the edit form lost the start time');
    expect($<HTMLInputElement>(catalog, '#a-endsAt').value).to.equal('18:00');

    const row = $<HTMLElement>(catalog, 'tbody').querySelectorAll('tr');
    const archive = [...row]
      .find((tr) => tr.textContent?.includes(code))
      ?.querySelector<HTMLButtonElement>('button:last-of-type');
    archive?.click();
    await waitUntil(() => !catalog.activities.some((a) => a.code === code), 'the activity was not archived');
    await waitForText(catalog, 'Archivé : les familles ne le voient plus.');
  });

  it("creates, edits and removes a closure, the family's calendar following each change", async () => {
    const child = await enrolledChild();
    try {
      const catalog = await openCatalog();
      tab(catalog, 'Fermetures');
      const form = await openForm(catalog, 'closures');
      const reason = `Travaux ${crypto.randomUUID().slice(0, 4)}`;
      fill($<HTMLInputElement>(catalog, '#cl-from'), child.second);
      fill($<HTMLInputElement>(catalog, '#cl-to'), child.first);
      fill($<HTMLSelectElement>(catalog, '#cl-activity'), child.activity.id);
      fill($<HTMLInputElement>(catalog, '#cl-reason'), reason);
      form.requestSubmit();
      // Refused by the API, in French, next to the field it names, which takes the focus.
      await waitForText(catalog, 'le dernier jour de fermeture doit suivre le premier');
      expect($<HTMLInputElement>(catalog, '#cl-to').getAttribute('aria-invalid')).to.equal('true');
      expect($(catalog, '#cl-to-error').textContent).to.contain('le dernier jour de fermeture doit suivre le premier');
      await waitUntil(() => catalog.shadowRoot?.activeElement?.id === 'cl-to', 'focus did not go to the last day');
      await expect(catalog).to.be.accessible();

      fill($<HTMLInputElement>(catalog, '#cl-from'), child.first);
      fill($<HTMLInputElement>(catalog, '#cl-to'), child.second);
      form.requestSubmit();
      await waitForText(catalog, 'Créé.');
      expect(text(catalog)).to.contain(reason);
      expect(await child.day(child.first)).to.include({ status: 'closed', reason: 'closure', label: reason, canBook: false });
      expect(await child.day(child.second)).to.include({ status: 'closed', canBook: false });
      await expect(catalog).to.be.accessible();

      // Edited from its row: the form opens on its values, the focus on its first field.
      rowButton(catalog, reason, 'Modifier').click();
      await waitUntil(() => catalog.shadowRoot?.activeElement?.id === 'cl-from', 'focus did not go to the form');
      expect($<HTMLInputElement>(catalog, '#cl-to').value).to.equal(child.second);
      expect($<HTMLSelectElement>(catalog, '#cl-activity').value).to.equal(child.activity.id);
      expect($(catalog, '#closures-details summary').textContent).to.contain(`Modifier la fermeture ${reason}`);
      await expect(catalog).to.be.accessible();
      fill($<HTMLInputElement>(catalog, '#cl-to'), child.first);
      $<HTMLFormElement>(catalog, '#closures-form').requestSubmit();
      await waitForText(catalog, 'Modifications enregistrées.');
      expect(catalog.closures.find((c) => c.reason === reason)).to.include({ from: child.first, to: child.first });
      expect(await child.day(child.first)).to.include({ status: 'closed', canBook: false });
      expect(await child.day(child.second)).to.include({ canBook: true });

      rowButton(catalog, reason, 'Supprimer').click();
      await waitForText(catalog, 'Fermeture supprimée : ses jours rouvrent.');
      await waitUntil(() => catalog.shadowRoot?.activeElement?.classList.contains('notice'), 'focus did not go to the news');
      expect(text(catalog)).not.to.contain(reason);
      expect(await child.day(child.first)).to.include({ canBook: true });
      await expect(catalog).to.be.accessible();
    } finally {
      await child.done();
    }
  });
});
