import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { FoyerAdminApp } from '../../src/admin/app/admin-app.component.js';
import type { FoyerAdminHouseholds } from '../../src/admin/households/households.component.js';
import type { FoyerAdminKitchen } from '../../src/admin/kitchen/kitchen.component.js';
import { apiToday } from '../days.js';
import { $, $$, fill, text, waitForText } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

const KITCHEN = 'kitchen.demo@example.org';

describe('<foyer-admin-kitchen>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it("shows the kitchen two weeks of meals per site, as a chart with its table, and a printable day's sheet", async () => {
    await setViewport({ width: 1024, height: 1000 });
    window.history.replaceState(null, '', '#cuisine');
    const { app } = await mountSignedIn(KITCHEN);
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-kitchen'), 'no kitchen section');
    const kitchen = section<FoyerAdminKitchen>(app, 'foyer-admin-kitchen');
    await waitUntil(() => kitchen.counts && kitchen.sheet, 'the counts did not load', { timeout: 10_000 });
    await kitchen.updateComplete;
    const counts = kitchen.counts;
    if (!counts) throw new Error('no counts');
    expect(counts.from).to.equal(await apiToday());
    expect(counts.sites.length).to.be.at.least(2);
    const charts = kitchen.shadowRoot?.querySelectorAll('figure.chart svg') ?? [];
    expect(charts.length).to.equal(counts.sites.length);
    // The figures a screen reader reads are the chart's: one row a day, the same totals.
    const firstTable = kitchen.shadowRoot?.querySelector('table.data');
    const firstSite = counts.sites[0];
    expect(firstTable?.querySelectorAll('tbody tr').length).to.equal(14);
    expect([...(firstTable?.querySelectorAll('tbody td:first-of-type') ?? [])].map((td) => Number(td.textContent))).to.deep.equal(
      firstSite?.days.map((d) => d.total),
    );
    expect(text(kitchen)).to.contain('Fiche cuisine du');
    // The kitchen reads the town's diet groups; defining them is the admins'.
    await waitUntil(() => kitchen.dietGroups.groups, 'the diet groups did not load');
    await kitchen.updateComplete;
    expect(text(kitchen)).to.contain('Régimes alimentaires');
    expect(kitchen.shadowRoot?.querySelector('#diet-create')).to.equal(null);
    await expect(kitchen).to.be.accessible();
    await executeServerCommand('foyer-screenshot', { selector: 'foyer-admin-kitchen .forecast', file: 'kitchen-chart.png' });
    await executeServerCommand('foyer-screenshot', {
      selector: 'foyer-admin-kitchen .sheet',
      file: 'kitchen-day-sheet.png',
      media: 'print',
    });
  });

  it('lets an admin define a diet group, put a child in it from the family file, and see it in the counts', async () => {
    await setViewport({ width: 1024, height: 1000 });
    // Another group before the new one, so that it can move up.
    const admin = await adminClient();
    const { dietGroups } = await admin.admin.kitchen.dietGroups();
    if (!dietGroups.some((g) => g.name === 'Végétarien')) await admin.admin.kitchen.createDietGroup({ name: 'Végétarien' });
    window.history.replaceState(null, '', '#cuisine');
    const { app } = await mountSignedIn();
    let kitchen = await openKitchen(app);
    await waitUntil(() => kitchen.dietGroups.groups, 'the diet groups did not load', { timeout: 10_000 });
    await kitchen.updateComplete;
    await expect(kitchen).to.be.accessible();

    // Created from the keyboard: open the form, type, Enter.
    const name = `Sans gluten ${crypto.randomUUID().slice(0, 4)}`;
    $<HTMLElement>(kitchen, '#diet-create').closest('details')?.querySelector('summary')?.focus();
    await sendKeys({ press: 'Enter' });
    $<HTMLInputElement>(kitchen, '#diet-create-name').focus();
    await sendKeys({ type: name });
    await sendKeys({ press: 'Enter' });
    await waitForText(kitchen, `Régime « ${name} » ajouté.`);
    expect(kitchen.shadowRoot?.activeElement?.id).to.equal('diet-notice');
    const group = kitchen.dietGroups.groups?.find((g) => g.name === name);
    if (!group) throw new Error('the new group is not listed');
    expect(kitchen.dietGroups.groups?.at(-1)?.id).to.equal(group.id);
    await expect(kitchen).to.be.accessible();

    // Moved up from the keyboard: the focus stays on the group moved.
    $<HTMLButtonElement>(kitchen, `#diet-${group.id}-up`).focus();
    await sendKeys({ press: 'Enter' });
    await waitForText(kitchen, `Régime « ${name} » déplacé en position`);
    await waitUntil(
      () => kitchen.shadowRoot?.activeElement?.id?.startsWith(`diet-${group.id}-`),
      'the focus left the group moved',
    );
    const count = kitchen.dietGroups.groups?.length ?? 0;
    expect(kitchen.dietGroups.groups?.[count - 2]?.id).to.equal(group.id);

    // In the family file: Alvaro's diet group, « Aucun » until chosen.
    navigate(app, '#familles');
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-households'), 'no households section');
    const households = section<FoyerAdminHouseholds>(app, 'foyer-admin-households');
    await waitUntil(() => households.households.state === 'ready', 'the households did not load', { timeout: 10_000 });
    fill($<HTMLInputElement>(households, '#q'), 'sanchez');
    $<HTMLFormElement>(households, 'form[role="search"]').requestSubmit();
    await waitUntil(() => households.households.state === 'ready' && households.households.query.q === 'sanchez');
    $$<HTMLButtonElement>(households, 'tbody tr td:first-child button')[0]?.click();
    await waitUntil(() => households.file && households.dietGroups.some((g) => g.id === group.id), 'the file did not open');
    await households.updateComplete;
    const alvaro = households.file?.children.find((c) => c.firstName === 'Alvaro');
    if (!alvaro) throw new Error('no Alvaro in the file');
    expect($(households, `#diet-${alvaro.id}-current`).textContent).to.equal('Aucun');
    const dietForm = $<HTMLFormElement>(households, `#diet-${alvaro.id}-form`);
    dietForm.closest('details')?.setAttribute('open', '');
    fill($<HTMLSelectElement>(households, `#diet-${alvaro.id}-group`), group.id);
    dietForm.requestSubmit();
    await waitForText(households, 'Régime enregistré.');
    await waitUntil(() => $(households, `#diet-${alvaro.id}-current`).textContent === name, 'the file does not say the group');
    await expect(households).to.be.accessible();

    // Back in Cuisine, on a day Alvaro eats at the canteen: his group has its own line.
    const counts = await admin.admin.kitchen.mealCounts({ from: await apiToday(), days: '31' });
    const day = counts.sites.flatMap((s) => s.days).find((d) => d.byGroup.some((g) => g.dietGroupId === group.id));
    if (!day) throw new Error('no canteen meal of Alvaro in the month');
    navigate(app, '#cuisine');
    kitchen = await openKitchen(app);
    fill($<HTMLInputElement>(kitchen, '#kitchen-date'), day.date);
    await waitUntil(() => kitchen.sheet?.date === day.date, 'the sheet did not follow the date', { timeout: 10_000 });
    await kitchen.updateComplete;
    expect($$(kitchen, '.sheet th[scope="row"]').map((th) => th.textContent?.trim())).to.include(name);
    await waitUntil(
      () => kitchen.dietGroups.groups?.find((g) => g.id === group.id)?.children === 1,
      'the group does not count Alvaro',
    );
    await kitchen.updateComplete;

    // Deleted after a confirmation that says what becomes of the child.
    $<HTMLButtonElement>(kitchen, `#diet-${group.id}-delete`).click();
    await waitUntil(
      () => kitchen.shadowRoot?.activeElement?.id === 'diet-confirm-title',
      'the confirmation did not take the focus',
    );
    expect(text(kitchen)).to.contain(`Supprimer le régime « ${name} » ?`);
    expect(text(kitchen)).to.contain('L’enfant de ce régime n’aura plus de régime (« Aucun »)');
    await expect(kitchen).to.be.accessible();
    $<HTMLButtonElement>(kitchen, '#diet-confirm-cancel').click();
    await waitUntil(() => kitchen.shadowRoot?.activeElement?.id === `diet-${group.id}-delete`, 'the focus did not come back');
    $<HTMLButtonElement>(kitchen, `#diet-${group.id}-delete`).click();
    await waitUntil(() => kitchen.shadowRoot?.querySelector('#diet-confirm-delete'));
    $<HTMLButtonElement>(kitchen, '#diet-confirm-delete').click();
    await waitForText(kitchen, `Régime « ${name} » supprimé.`);
    expect(kitchen.dietGroups.groups?.some((g) => g.id === group.id)).to.equal(false);
    await expect(kitchen).to.be.accessible();
  });
});

async function openKitchen(app: FoyerAdminApp): Promise<FoyerAdminKitchen> {
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-kitchen'), 'no kitchen section', { timeout: 10_000 });
  const kitchen = section<FoyerAdminKitchen>(app, 'foyer-admin-kitchen');
  await waitUntil(() => kitchen.counts && kitchen.sheet, 'the counts did not load', { timeout: 10_000 });
  return kitchen;
}

/** Follows an entry of the back office's navigation. */
function navigate(app: FoyerAdminApp, href: string): void {
  const link = $$<HTMLAnchorElement>(app, 'nav a').find((a) => a.getAttribute('href') === href);
  if (!link) throw new Error(`no ${href} in the navigation`);
  link.click();
}
