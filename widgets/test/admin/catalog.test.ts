import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminCatalog } from '../../src/admin/catalog/catalog.component.js';
import { $, $$, fill, text, waitForText } from '../helpers.js';
import { mountSignedIn, section } from './admin-helpers.js';

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

  it('creates an activity with its days, deadlines, price tiers, walk-in price and a session, then archives it', async () => {
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
    form.requestSubmit();
    await waitUntil(() => catalog.activities.some((a) => a.code === code), 'the activity was not created', { timeout: 10_000 });
    const created = catalog.activities.find((a) => a.code === code);
    expect(created?.weekdays).to.deep.equal([1, 2, 4, 5]);
    expect(created?.pricing.tiers).to.deep.equal([
      { maxQuotient: 800, amountCents: 150 },
      { maxQuotient: null, amountCents: 300 },
    ]);
    expect(created?.walkInSurchargeCents).to.equal(420);
    expect(created?.sessions).to.deep.equal([{ name: 'Automne', from: '2026-10-19', to: '2026-10-30' }]);
    await expect(catalog).to.be.accessible();

    const row = $<HTMLElement>(catalog, 'tbody').querySelectorAll('tr');
    const archive = [...row]
      .find((tr) => tr.textContent?.includes(code))
      ?.querySelector<HTMLButtonElement>('button:last-of-type');
    archive?.click();
    await waitUntil(() => !catalog.activities.some((a) => a.code === code), 'the activity was not archived');
    await waitForText(catalog, 'Archivé : les familles ne le voient plus.');
  });
});
