import { ibanOf } from '@foyer/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminDirectDebits } from '../../src/admin/direct-debits/direct-debits.component.js';
import type { FoyerAdminHouseholds } from '../../src/admin/households/households.component.js';
import type { FoyerAdminMandate } from '../../src/admin/mandate/mandate.component.js';
import { $, fill, text, waitForText } from '../helpers.js';
import { adminClient, mountSignedIn, section } from './admin-helpers.js';

/** A household made for the test, its file open in Familles. */
async function openNewHousehold(): Promise<FoyerAdminMandate> {
  const admin = await adminClient();
  const suffix = crypto.randomUUID().slice(0, 8);
  const created = await admin.admin.households.create({
    name: `Famille Prélevée ${suffix}`,
    guardian: { firstName: 'Inès', lastName: 'Prélevée', email: `ines.${suffix}@example.org` },
    children: [],
  });
  window.history.replaceState(null, '', '#familles');
  const { app } = await mountSignedIn();
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-households'), 'no households section');
  const households = section<FoyerAdminHouseholds>(app, 'foyer-admin-households');
  await waitUntil(() => households.households.state === 'ready', 'the households did not load', { timeout: 10_000 });
  households.openHousehold(created.household.id);
  await waitUntil(() => households.shadowRoot?.querySelector('foyer-admin-mandate'), 'no Prélèvement section', {
    timeout: 10_000,
  });
  const mandate = $<FoyerAdminMandate>(households, 'foyer-admin-mandate');
  await waitUntil(() => customElements.get('foyer-admin-mandate') && mandate.mandates !== null, 'the mandate did not load', {
    timeout: 10_000,
  });
  await mandate.updateComplete;
  return mandate;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('<foyer-admin-mandate> in a household file', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('records a mandate with the IBAN checked while typed, shows it masked then whole, and revokes it', async () => {
    const mandate = await openNewHousehold();
    expect(text(mandate)).to.contain('Aucun mandat en vigueur.');
    $<HTMLDetailsElement>(mandate, 'details').open = true;
    await mandate.updateComplete;
    await expect(mandate).to.be.accessible();

    const iban = ibanOf('FR', `3000400003${String(Date.now()).slice(-13)}`);
    const wrong = `${iban.slice(0, -1)}${iban.endsWith('0') ? '1' : '0'}`;
    fill($<HTMLInputElement>(mandate, '#m-iban'), wrong.replace(/(.{4})/g, '$1 ').toLowerCase());
    await waitForText(mandate, 'Clé de contrôle fausse');
    fill($<HTMLInputElement>(mandate, '#m-iban'), iban.slice(0, 10));
    await waitForText(mandate, 'Longueur incorrecte : 10 caractères');
    fill($<HTMLInputElement>(mandate, '#m-iban'), iban);
    await waitForText(mandate, 'IBAN valide.');
    expect($(mandate, '#m-iban-live').getAttribute('aria-live')).to.equal('polite');
    await expect(mandate).to.be.accessible();

    const form = $<HTMLFormElement>(mandate, '#mandate-form');
    form.requestSubmit();
    await waitForText(mandate, 'Le formulaire contient des erreurs');
    expect($<HTMLInputElement>(mandate, '#m-holder').getAttribute('aria-invalid')).to.equal('true');

    fill($<HTMLInputElement>(mandate, '#m-holder'), 'Inès Prélevée');
    fill($<HTMLInputElement>(mandate, '#m-reference'), `RUM-${crypto.randomUUID().slice(0, 8).toUpperCase()}`);
    fill($<HTMLInputElement>(mandate, '#m-signedOn'), daysAgo(3));
    form.requestSubmit();
    await waitForText(mandate, 'Mandat enregistré.');
    const shown = $(mandate, '#mandate-iban').textContent ?? '';
    expect(shown).to.contain('•');
    expect(shown.replaceAll(' ', '')).not.to.contain(iban.slice(4, 20));
    await expect(mandate).to.be.accessible();

    $<HTMLButtonElement>(mandate, '#reveal-iban').click();
    await waitUntil(() => ($(mandate, '#mandate-iban').textContent ?? '').replaceAll(' ', '') === iban, 'the IBAN was not shown');
    await waitUntil(() => mandate.shadowRoot?.activeElement?.id === 'mandate-iban', 'focus did not go to the IBAN');

    const revoke = $<HTMLButtonElement>(mandate, '#revoke-mandate');
    revoke.closest('details')?.setAttribute('open', '');
    revoke.click();
    await waitForText(mandate, 'Mandat révoqué.');
    expect(text(mandate)).to.contain('Aucun mandat en vigueur.');
    expect(text(mandate)).to.contain('Mandats révoqués (1)');
    await expect(mandate).to.be.accessible();
  });
});

describe('<foyer-admin-direct-debits>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('sets the creditor (its identifier checked) and shows the month', async () => {
    window.history.replaceState(null, '', '#prelevements');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-direct-debits'), 'no Prélèvements section');
    const debits = section<FoyerAdminDirectDebits>(app, 'foyer-admin-direct-debits');
    await waitUntil(() => customElements.get('foyer-admin-direct-debits') && debits.overview !== null, 'the month did not load', {
      timeout: 10_000,
    });
    await debits.updateComplete;
    expect(text(debits)).to.contain('À prélever');
    await expect(debits).to.be.accessible();

    const form = $<HTMLFormElement>(debits, '#creditor-form');
    form.closest('details')?.setAttribute('open', '');
    fill($<HTMLInputElement>(debits, '#cr-name'), 'Régie de la Ville de Démo');
    fill($<HTMLInputElement>(debits, '#cr-iban'), 'FR76 3000 6000 0112 3456 7890 189');
    fill($<HTMLInputElement>(debits, '#cr-identifier'), 'FR12ZZZ123456');
    form.requestSubmit();
    await waitForText(debits, 'Identifiant créancier SEPA (ICS) : l');
    expect(text(debits)).not.to.contain('?lit$');
    expect($<HTMLInputElement>(debits, '#cr-identifier').getAttribute('aria-invalid')).to.equal('true');
    await expect(debits).to.be.accessible();

    fill($<HTMLInputElement>(debits, '#cr-identifier'), 'FR72ZZZ123456');
    form.requestSubmit();
    await waitForText(debits, 'Modifications enregistrées.');
    expect(text(debits)).to.contain('FR72ZZZ123456');
    expect(debits.overview?.creditorReady).to.equal(true);
    await expect(debits).to.be.accessible();
  });
});
