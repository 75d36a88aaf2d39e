import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FoyerProfile } from '../src/profile/profile.component.js';
import type { FoyerProvider } from '../src/provider/provider.component.js';
import type { FoyerRequestForm } from '../src/request-form/request-form.component.js';
import {
  $,
  $$,
  chooseFile,
  DEMO,
  failRequests,
  fill,
  linkToken,
  mountProvider,
  newFamily,
  pdfFile,
  setPageParam,
  signIn,
  storeOf,
  text,
  waitForText,
} from './helpers.js';

async function mountProfile(
  options: { id?: string; storage?: 'memory' | 'session'; tab?: string; locale?: string } = {},
): Promise<{ provider: FoyerProvider; profile: FoyerProfile }> {
  const provider = await mountProvider(html`<foyer-profile tab=${options.tab ?? 'account'}></foyer-profile>`, options);
  await customElements.whenDefined('foyer-profile');
  return { provider, profile: provider.querySelector<FoyerProfile>('foyer-profile')! };
}

function tab(profile: FoyerProfile, name: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(profile, '[role="tab"]').find((t) => t.textContent?.trim() === name);
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

/** The element that has the keyboard focus, inside shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function submit(root: Element | ShadowRoot, form: string): void {
  root.querySelector<HTMLButtonElement>(`${form} button[type="submit"]`)!.click();
}

describe('<foyer-profile>', () => {
  afterEach(() => setPageParam('foyer-email-change', null));

  it('changes the phone number in Foyer, and shows it after a reload', async () => {
    let { provider, profile } = await mountProfile({ storage: 'session', id: 'profile-phone', tab: 'household' });
    await signIn(provider);
    await waitUntil(() => profile.household, 'no household', { timeout: 10_000 });
    await profile.updateComplete;
    expect($<HTMLInputElement>(profile, '#name').value).to.equal('Famille Sanchez-Cordoves');
    await expect(profile).to.be.accessible();

    // A value the API refuses is said beside its field.
    fill($<HTMLInputElement>(profile, '#phone'), 'pas un numéro');
    submit(profile.shadowRoot!, '#household-form');
    await waitUntil(() => $(profile, '#phone').getAttribute('aria-invalid') === 'true', 'the phone is not marked invalid');
    expect($(profile, '#phone').getAttribute('aria-describedby')).to.contain('phone-error');
    await expect(profile).to.be.accessible();

    fill($<HTMLInputElement>(profile, '#phone'), '05 61 22 33 44');
    fill($<HTMLInputElement>(profile, '#department'), '31');
    submit(profile.shadowRoot!, '#household-form');
    await waitForText(profile, 'Les informations du foyer sont enregistrées.');
    await expect(profile).to.be.accessible();

    // Reloaded: the sign-in comes back from the tab's session storage, the phone from the API.
    provider.remove();
    ({ provider, profile } = await mountProfile({ storage: 'session', id: 'profile-phone', tab: 'household' }));
    expect(storeOf(provider).signedIn).to.equal(true);
    await waitUntil(() => profile.household, 'no household after the reload', { timeout: 10_000 });
    await profile.updateComplete;
    expect($<HTMLInputElement>(profile, '#phone').value).to.equal('05 61 22 33 44');
    expect($<HTMLInputElement>(profile, '#department').value).to.equal('31');
    await storeOf(provider).logout();
  });

  it('downloads the household data as a ZIP archive from « Mes données »', async () => {
    const { provider, profile } = await mountProfile({ tab: 'household' });
    await signIn(provider);
    await waitUntil(() => profile.household, 'no household', { timeout: 10_000 });
    await profile.updateComplete;
    const store = storeOf(provider);
    const archive = await store.client.household.export(store.callOptions);
    expect(archive.contentType).to.equal('application/zip');
    expect(archive.filename).to.match(/^foyer-export-\d{4}-\d{2}-\d{2}\.zip$/);
    // A ZIP starts with a local file header, "PK\x03\x04".
    expect([...new Uint8Array(await archive.blob.slice(0, 4).arrayBuffer())]).to.deep.equal([0x50, 0x4b, 3, 4]);

    $<HTMLButtonElement>(profile, '#download-data').click();
    await waitForText(profile, 'Archive téléchargée.');
    await expect(profile).to.be.accessible();
    await store.logout();
  });

  it('reports an allergy through a request: Enfants opens the request form on the allergy category', async () => {
    const { provider, profile } = await mountProfile();
    const store = await signIn(provider);
    const lucia = store.children.find((c) => c.firstName === 'Lucia')!;
    const allergiesBefore = lucia.allergies;
    await profile.updateComplete;

    // The WAI-ARIA tabs pattern: one tab stop, arrow keys move and select.
    tab(profile, 'Compte').focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await profile.updateComplete;
    expect(focused()?.textContent?.trim()).to.equal('Enfants');
    expect(tab(profile, 'Enfants').getAttribute('aria-selected')).to.equal('true');
    expect(tab(profile, 'Compte').getAttribute('tabindex')).to.equal('-1');
    await sendKeys({ press: 'Home' });
    expect(focused()?.textContent?.trim()).to.equal('Compte');
    await sendKeys({ press: 'End' });
    expect(focused()?.textContent?.trim()).to.equal('Enfants');
    await waitForText(profile, 'Lucia SANCHEZ-CORDOVES');
    expect(text(profile)).to.contain('Les Tilleuls');
    await expect(profile).to.be.accessible();

    $$<HTMLButtonElement>(profile, 'button')
      .find((b) => b.textContent?.includes('Signaler une allergie de Lucia'))!
      .click();
    await profile.updateComplete;
    const form = profile.shadowRoot!.querySelector<FoyerRequestForm>('foyer-request-form')!;
    await waitUntil(
      () => form.categoriesState === 'ready' && form.shadowRoot?.querySelector('#answer-allergens'),
      'no allergy form',
      {
        timeout: 10_000,
      },
    );
    await form.updateComplete;
    const category = form.categories.find((c) => c.id === $<HTMLSelectElement>(form, '#category').value)!;
    expect(category.effect).to.equal('allergy');
    expect($<HTMLSelectElement>(form, '#answer-child').value).to.equal(lucia.id);
    await expect(profile).to.be.accessible();

    fill($<HTMLInputElement>(form, '#answer-allergens'), 'Arachide');
    const no = $$<HTMLInputElement>(form, 'input[name="carePlan"]').find((r) => r.value === 'Non')!;
    no.click();
    chooseFile($<HTMLInputElement>(form, '#file-medical_certificate'), pdfFile('certificat-medical.pdf'));
    await waitForText(form, 'est joint');
    $<HTMLButtonElement>(form, 'button[part="submit"]').click();
    await waitForText(profile, 'Votre demande « Allergie alimentaire / PAI » a été envoyée');
    await expect(profile).to.be.accessible();

    // Not applied: an agent checks it first.
    await waitUntil(() => store.childrenState === 'ready');
    const child = await store.client.children.get(lucia.id, store.callOptions);
    expect(child.allergies).to.deep.equal(allergiesBefore);
    const { items } = await store.client.requests.list({ status: 'submitted' }, store.callOptions);
    expect(items.some((r) => r.category.effect === 'allergy' && r.child?.id === lucia.id)).to.equal(true);
    await store.logout();
  });

  it('adds a guardian and edits them in Responsables', async () => {
    const { provider, profile } = await mountProfile({ tab: 'guardians' });
    await signIn(provider, DEMO.parent2);
    await waitForText(profile, 'Responsables du foyer');
    await expect(profile).to.be.accessible();

    $<HTMLButtonElement>(profile, '#add-guardian').click();
    await profile.updateComplete;
    expect(focused()?.id).to.equal('firstName');
    submit(profile.shadowRoot!, '#guardian-form');
    await profile.updateComplete;
    expect($(profile, '#firstName').getAttribute('aria-invalid')).to.equal('true');
    expect($(profile, '#firstName-error').textContent).to.contain('Saisissez le prénom.');
    await expect(profile).to.be.accessible();

    fill($<HTMLInputElement>(profile, '#firstName'), 'Jeanne');
    fill($<HTMLInputElement>(profile, '#lastName'), 'Martin');
    fill($<HTMLInputElement>(profile, '#relationship'), 'grand-mère');
    fill($<HTMLInputElement>(profile, '#phoneMobile'), '06 12 34 56 78');
    submit(profile.shadowRoot!, '#guardian-form');
    await waitForText(profile, 'Les informations de Jeanne Martin sont enregistrées.');
    expect(text(profile)).to.contain('06 12 34 56 78');

    const card = $$(profile, '[part="guardian"]').find((c) => c.textContent?.includes('Jeanne Martin'))!;
    card.querySelector<HTMLButtonElement>('button')!.click();
    await profile.updateComplete;
    fill($<HTMLInputElement>(profile, '#phoneWork'), '05 61 00 00 01');
    submit(profile.shadowRoot!, '#guardian-form');
    await waitForText(profile, '05 61 00 00 01');
    const { guardians } = await storeOf(provider).client.household.guardians.list(storeOf(provider).callOptions);
    expect(guardians.find((g) => g.firstName === 'Jeanne')?.phoneWork).to.equal('05 61 00 00 01');
    await expect(profile).to.be.accessible();
    await storeOf(provider).logout();
  });

  it('changes the login email through a confirmation link, then the password', async () => {
    const family = await newFamily();
    let { provider, profile } = await mountProfile();
    await storeOf(provider).login(family.email, family.password);
    await waitForText(profile, family.email);

    $$<HTMLButtonElement>(profile, 'button')
      .find((b) => b.textContent?.includes("Changer d'adresse e-mail"))!
      .click();
    await profile.updateComplete;
    const newEmail = family.email.replace('parent.', 'nouvelle.');
    fill($<HTMLInputElement>(profile, '#newEmail'), newEmail);
    fill($<HTMLInputElement>(profile, '#email-password'), 'pas le bon mot de passe');
    submit(profile.shadowRoot!, '#email-form');
    await waitUntil(() => profile.shadowRoot?.querySelector('#email-form [role="alert"]'), 'no refusal');
    expect($(profile, '#email-password').getAttribute('aria-invalid')).to.equal('true');
    await expect(profile).to.be.accessible();

    fill($<HTMLInputElement>(profile, '#email-password'), family.password);
    submit(profile.shadowRoot!, '#email-form');
    await waitForText(profile, `Un e-mail vient d'être envoyé à ${newEmail}`);
    await expect(profile).to.be.accessible();

    // The link of the email opens the page with ?foyer-email-change=<token>.
    const token = await linkToken(newEmail, 'foyer-email-change');
    provider.remove();
    setPageParam('foyer-email-change', token);
    ({ provider, profile } = await mountProfile());
    await waitForText(profile, `Votre adresse de connexion est désormais ${newEmail}.`);
    expect(new URL(window.location.href).searchParams.has('foyer-email-change')).to.equal(false);
    await storeOf(provider).login(newEmail, family.password);
    await waitForText(profile, newEmail);

    $$<HTMLButtonElement>(profile, 'button')
      .find((b) => b.textContent?.includes('Changer son mot de passe'))!
      .click();
    await profile.updateComplete;
    fill($<HTMLInputElement>(profile, '#currentPassword'), family.password);
    fill($<HTMLInputElement>(profile, '#newPassword'), 'un autre mot de passe');
    fill($<HTMLInputElement>(profile, '#confirm'), 'un autre mot de passe');
    submit(profile.shadowRoot!, '#password-form');
    await waitForText(profile, 'Votre mot de passe a été modifié : reconnectez-vous avec le nouveau.');
    expect(storeOf(provider).signedIn).to.equal(false);
    await expect(profile).to.be.accessible();
    await storeOf(provider).login(newEmail, 'un autre mot de passe');
    await storeOf(provider).logout();
  });

  it('shows the signed-out, loading and error states', async () => {
    const { provider, profile } = await mountProfile({ tab: 'household' });
    await waitForText(profile, 'Connectez-vous pour consulter et modifier');
    await expect(profile).to.be.accessible();
    const restore = failRequests(/\/household$/, 500, 'The household is resting.');
    try {
      await signIn(provider, DEMO.parent2);
      await waitForText(profile, 'The household is resting.');
      await expect(profile).to.be.accessible();
    } finally {
      restore();
    }
    $<HTMLButtonElement>(profile, '[role="tabpanel"]:not([hidden]) button').click(); // Réessayer
    await waitUntil(() => profile.household?.name === 'Famille Martin', 'the household did not load again', { timeout: 10_000 });
    await profile.updateComplete;
    expect($<HTMLInputElement>(profile, '#name').value).to.equal('Famille Martin');
    await storeOf(provider).logout();
  });

  it('speaks English when the provider asks for it', async () => {
    const { provider, profile } = await mountProfile({ locale: 'en' });
    await signIn(provider, DEMO.parent2);
    await waitForText(profile, 'My profile');
    expect($$(profile, '[role="tab"]').map((t) => t.textContent?.trim())).to.deep.equal([
      'Account',
      'Household',
      'Guardians',
      'Children',
    ]);
    await expect(profile).to.be.accessible();
    await storeOf(provider).logout();
  });
});
