import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminHouseholds } from '../../src/admin/households/households.component.js';
import { $, $$, fill, text, waitForText } from '../helpers.js';
import { mountSignedIn, section } from './admin-helpers.js';

async function openHouseholds(): Promise<FoyerAdminHouseholds> {
  window.history.replaceState(null, '', '#familles');
  const { app } = await mountSignedIn();
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-households'), 'no households section');
  const households = section<FoyerAdminHouseholds>(app, 'foyer-admin-households');
  await waitUntil(() => households.households.state === 'ready', 'the households did not load', { timeout: 10_000 });
  return households;
}

const rowNames = (el: FoyerAdminHouseholds) => $$(el, 'tbody tr td:first-child button').map((b) => b.textContent?.trim() ?? '');

describe('<foyer-admin-households>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('lists households sorted by the API, searches them and sorts the other way', async () => {
    const households = await openHouseholds();
    const names = rowNames(households);
    expect(names.length).to.be.greaterThan(0);
    expect($(households, 'th[aria-sort="ascending"]').textContent).to.contain('Foyer');
    await expect(households).to.be.accessible();

    $<HTMLButtonElement>(households, 'th[aria-sort="ascending"] button').click();
    await waitUntil(() => households.households.state === 'ready' && $$(households, 'th[aria-sort="descending"]').length === 1);
    expect(rowNames(households)[0]).to.equal([...names].sort((a, b) => b.localeCompare(a, 'fr'))[0]);

    fill($<HTMLInputElement>(households, '#q'), 'sanchez');
    $<HTMLFormElement>(households, 'form[role="search"]').requestSubmit();
    await waitUntil(() => households.households.state === 'ready' && households.households.query.q === 'sanchez');
    expect(rowNames(households).every((n) => /sanchez/i.test(n))).to.equal(true);
    expect(text(households)).to.match(/\d+ famille\(s\)/);
  });

  it('creates a household with a child, opens its file, enrols the child and records a quotient', async () => {
    const households = await openHouseholds();
    $<HTMLButtonElement>(households, '#new-household').click();
    await households.updateComplete;
    const form = $<HTMLFormElement>(households, 'form');
    form.requestSubmit();
    await waitForText(households, 'Le formulaire contient des erreurs');
    expect($<HTMLInputElement>(households, '#name').getAttribute('aria-invalid')).to.equal('true');
    await expect(households).to.be.accessible();

    const email = `lea.${crypto.randomUUID().slice(0, 8)}@example.org`;
    fill($<HTMLInputElement>(households, '#name'), 'Famille Moreau');
    fill($<HTMLInputElement>(households, '#guardian-firstName'), 'Léa');
    fill($<HTMLInputElement>(households, '#guardian-lastName'), 'Moreau');
    fill($<HTMLInputElement>(households, '#guardian-email'), email);
    fill($<HTMLInputElement>(households, '[name="children.0.firstName"]'), 'Jules');
    fill($<HTMLInputElement>(households, '[name="children.0.lastName"]'), 'Moreau');
    fill($<HTMLInputElement>(households, '[name="children.0.birthDate"]'), '2019-05-02');
    form.requestSubmit();
    await waitForText(households, `${email} a reçu une invitation`);
    await waitUntil(() => households.file?.name === 'Famille Moreau', 'the file did not open');
    expect(text(households)).to.contain('Jules Moreau');
    expect(text(households)).to.contain('invité');
    await waitUntil(() => households.activities.length > 0, 'no activities to enrol in');
    await expect(households).to.be.accessible();

    const child = households.file?.children[0];
    const enrol = $<HTMLFormElement>(households, `#enrol-${child?.id}-form`);
    enrol.closest('details')?.setAttribute('open', '');
    fill($<HTMLSelectElement>(households, `#enrol-${child?.id}-activity`), households.activities[0]?.id ?? '');
    fill($<HTMLInputElement>(households, `#enrol-${child?.id}-from`), '2026-09-01');
    fill($<HTMLInputElement>(households, `#enrol-${child?.id}-to`), '2027-07-03');
    enrol.requestSubmit();
    await waitForText(households, 'Inscription enregistrée');
    expect(households.file?.children[0]?.enrolments).to.have.length(1);

    const quotient = $<HTMLFormElement>(households, '#quotient-form');
    fill($<HTMLInputElement>(households, '#q-quotient'), '640');
    fill($<HTMLInputElement>(households, '#q-appliesFrom'), '2026-09-01');
    quotient.requestSubmit();
    await waitForText(households, 'Quotient familial enregistré.');
    expect(households.file?.quotients.map((q) => q.quotient)).to.include(640);
    await expect(households).to.be.accessible();

    // Editing the child: the form names a missing first name, then saves the new school.
    const edit = $<HTMLFormElement>(households, `#edit-${child?.id}-form`);
    edit.closest('details')?.setAttribute('open', '');
    expect($<HTMLInputElement>(households, `#edit-${child?.id}-firstName`).value).to.equal('Jules');
    fill($<HTMLInputElement>(households, `#edit-${child?.id}-firstName`), '');
    edit.requestSubmit();
    await waitForText(households, 'le prénom est obligatoire');
    expect($<HTMLInputElement>(households, `#edit-${child?.id}-firstName`).getAttribute('aria-invalid')).to.equal('true');
    await expect(households).to.be.accessible();
    fill($<HTMLInputElement>(households, `#edit-${child?.id}-firstName`), 'Jules');
    fill($<HTMLInputElement>(households, `#edit-${child?.id}-school`), 'École Jean-Moulin');
    fill($<HTMLInputElement>(households, `#edit-${child?.id}-class`), 'CP');
    edit.requestSubmit();
    await waitForText(households, 'Enfant modifié.');
    expect(households.file?.children[0]).to.include({ firstName: 'Jules', school: 'École Jean-Moulin', schoolClass: 'CP' });
    expect(text(households)).to.contain('École Jean-Moulin — CP');
    await expect(households).to.be.accessible();

    // Editing the household's details: a wrong postal code is named, then the address is saved.
    const details = $<HTMLFormElement>(households, '#details-form');
    details.closest('details')?.setAttribute('open', '');
    fill($<HTMLInputElement>(households, '#h-line1'), '4 rue des Lilas');
    fill($<HTMLInputElement>(households, '#h-postal'), '6900');
    fill($<HTMLInputElement>(households, '#h-city'), 'Démo');
    details.requestSubmit();
    await waitForText(households, 'le code postal doit avoir 5 chiffres');
    await expect(households).to.be.accessible();
    fill($<HTMLInputElement>(households, '#h-postal'), '69000');
    $<HTMLInputElement>(households, '#h-resident').checked = false;
    details.requestSubmit();
    await waitForText(households, 'Foyer modifié.');
    expect(households.file?.address).to.include({ line1: '4 rue des Lilas', postalCode: '69000', city: 'Démo' });
    expect(households.file?.resident).to.equal(false);
    expect(text(households)).to.contain('Hors commune');
    await expect(households).to.be.accessible();
  });

  it('anonymises a household only after the confirmation dialog, with a reason', async () => {
    const households = await openHouseholds();
    $<HTMLButtonElement>(households, '#new-household').click();
    await households.updateComplete;
    const email = `effacer.${crypto.randomUUID().slice(0, 8)}@example.org`;
    fill($<HTMLInputElement>(households, '#name'), 'Famille Effacée');
    fill($<HTMLInputElement>(households, '#guardian-firstName'), 'Inès');
    fill($<HTMLInputElement>(households, '#guardian-lastName'), 'Effacée');
    fill($<HTMLInputElement>(households, '#guardian-email'), email);
    fill($<HTMLInputElement>(households, '[name="children.0.firstName"]'), 'Noé');
    fill($<HTMLInputElement>(households, '[name="children.0.lastName"]'), 'Effacée');
    fill($<HTMLInputElement>(households, '[name="children.0.birthDate"]'), '2019-05-02');
    $<HTMLFormElement>(households, 'form').requestSubmit();
    await waitForText(households, `${email} a reçu une invitation`);
    await waitUntil(() => households.file?.name === 'Famille Effacée', 'the file did not open');

    const form = $<HTMLFormElement>(households, '#anonymise-form');
    form.closest('details')?.setAttribute('open', '');
    await households.updateComplete;
    const dialog = $<HTMLDialogElement>(households, '#anonymise-dialog');
    form.requestSubmit();
    await waitForText(households, 'Saisissez le motif.');
    expect(dialog.open).to.equal(false);

    fill($<HTMLInputElement>(households, '#a-reason'), 'Demande de la famille du 2 novembre');
    form.requestSubmit();
    await waitUntil(() => dialog.open, 'the dialog did not open');
    expect(households.shadowRoot?.activeElement?.id).to.equal('anonymise-cancel');
    await expect(households).to.be.accessible();
    $<HTMLButtonElement>(households, '#anonymise-cancel').click();
    expect(dialog.open).to.equal(false);
    expect(households.file?.name).to.equal('Famille Effacée');

    form.requestSubmit();
    await waitUntil(() => dialog.open, 'the dialog did not open again');
    $<HTMLButtonElement>(households, '#anonymise-confirm').click();
    await waitForText(households, 'Foyer anonymisé.');
    expect(households.file?.name).to.equal('Foyer anonymisé');
    expect(text(households)).not.to.contain(email);
    await expect(households).to.be.accessible();
  });
});
