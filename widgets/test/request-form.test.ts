import { withAdmin } from '@foyer/sdk/admin';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FoyerRequestSentEvent } from '../src/events/request-sent.js';
import type { FoyerRequestForm } from '../src/request-form/request-form.component.js';
import { addDays, mondayOf } from '../src/shared/dates.js';
import { apiToday, spoken } from './days.js';
import {
  $,
  $$,
  asAgent,
  chooseFile,
  DEMO,
  failRequests,
  fill,
  mountProvider,
  pdfFile,
  signIn,
  storeOf,
  text,
  waitForText,
} from './helpers.js';

/** The request form inside a provider, defined (it loads on demand), its categories loaded. */
async function requestForm(
  email: string = DEMO.parent,
  attributes = html`<foyer-request-form></foyer-request-form>`,
  options: { locale?: string } = {},
): Promise<FoyerRequestForm> {
  const provider = await mountProvider(attributes, options);
  await customElements.whenDefined('foyer-request-form');
  await signIn(provider, email);
  const form = provider.querySelector<FoyerRequestForm>('foyer-request-form')!;
  await waitUntil(() => form.categoriesState === 'ready', 'the categories did not load', { timeout: 10_000 });
  await form.updateComplete;
  return form;
}

function chooseCategory(form: FoyerRequestForm, title: string): void {
  const category = form.categories.find((c) => c.title === title);
  if (!category) throw new Error(`no category ${title}`);
  fill($<HTMLSelectElement>(form, '#category'), category.id);
}

function tab(form: FoyerRequestForm, name: string): HTMLButtonElement {
  const found = $$<HTMLButtonElement>(form, '[role="tab"]').find((t) => t.textContent?.trim() === name);
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

describe('<foyer-request-form>', () => {
  it('sends a pick-up authorisation with an identity card; accepted by an agent, the parent sees it accepted', async () => {
    const form = await requestForm();
    const store = form.store!;
    const lucia = store.children.find((c) => c.firstName === 'Lucia')!;
    await expect(form).to.be.accessible();

    chooseCategory(form, "Autorisation de récupération d'un enfant");
    await form.updateComplete;
    // The category's text starts the message.
    expect($<HTMLTextAreaElement>(form, '#message').value).to.equal(
      'Je souhaiterais autoriser … à venir récupérer mon enfant à partir de …',
    );
    await expect(form).to.be.accessible();

    // Sent empty: each missing answer and the missing document are said beside their field, the first one focused.
    $<HTMLButtonElement>(form, 'button[part="submit"]').click();
    await form.updateComplete;
    const person = $<HTMLInputElement>(form, '#answer-person');
    expect(person.getAttribute('aria-invalid')).to.equal('true');
    expect(person.getAttribute('aria-describedby')).to.contain('answer-person-error');
    expect($(form, '#answer-person-error').textContent).to.contain('Personne autorisée');
    expect($<HTMLInputElement>(form, '#file-identity').getAttribute('aria-describedby')).to.contain('file-identity-error');
    expect(form.shadowRoot!.activeElement?.id).to.equal('answer-child');
    await expect(form).to.be.accessible();

    fill($<HTMLSelectElement>(form, '#answer-child'), lucia.id);
    fill($<HTMLInputElement>(form, '#answer-person'), 'Jeanne Dupont');
    // From next Monday, as the API's clock has it.
    const today = await apiToday();
    const from = addDays(mondayOf(today), 7);
    fill($<HTMLInputElement>(form, '#answer-from'), from);
    const message = $<HTMLTextAreaElement>(form, '#message');
    message.value = `Je souhaiterais autoriser Jeanne Dupont, ma sœur, à venir récupérer Lucia à partir du ${spoken(from, { day: 'numeric', month: 'long' })}.`;
    message.dispatchEvent(new Event('input'));
    chooseFile($<HTMLInputElement>(form, '#file-identity'), pdfFile('carte identité Jeanne.pdf'));
    // On its way: an indeterminate progress bar (the SDK knows only the start and the end of an upload).
    await form.updateComplete;
    const progress = form.shadowRoot!.querySelector('progress');
    if (progress) expect(progress.hasAttribute('value')).to.equal(false);
    await waitForText(form, '« carte identité Jeanne.pdf »');
    await waitForText(form, 'est joint');
    await expect(form).to.be.accessible();

    const sent = oneEvent(form, 'foyer-request-sent') as Promise<FoyerRequestSentEvent>;
    $<HTMLButtonElement>(form, 'button[part="submit"]').click();
    const { detail, bubbles, composed } = await sent;
    expect(bubbles && composed).to.equal(true);
    expect(detail.request.status).to.equal('submitted');
    expect(detail.request.attachments.map((a) => a.type)).to.deep.equal(['identity']);
    await waitForText(form, 'Demande envoyée');
    await expect(form).to.be.accessible();

    // The town hall accepts it, through the API.
    const agent = await asAgent();
    await withAdmin(agent).admin.requests.decide(detail.request.id, { decision: 'accept', reason: 'Autorisation enregistrée.' });
    await agent.auth.logout();

    $<HTMLButtonElement>(form, '.message.success button').click(); // "Voir l'historique"
    await form.updateComplete;
    expect(tab(form, 'Historique des demandes').getAttribute('aria-selected')).to.equal('true');
    await waitUntil(
      () => $$(form, '.request').some((r) => r.textContent?.includes('Acceptée') && r.textContent.includes('Lucia')),
      `the history does not show the request accepted: ${text(form).slice(0, 600)}`,
      { timeout: 10_000 },
    );
    const item = $$(form, '.request').find((r) => r.textContent?.includes('Lucia') && r.textContent.includes('Acceptée'))!;
    item.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    await waitUntil(() => item.textContent?.includes('Autorisation enregistrée.'), 'no decision shown', { timeout: 10_000 });
    expect(item.textContent).to.contain('Jeanne Dupont');
    expect(item.textContent).to.contain(spoken(from, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
    expect(item.querySelector('button[aria-expanded]')!.getAttribute('aria-expanded')).to.equal('true');
    // Decided: no reply form any more.
    expect(item.querySelector('form')).to.equal(null);
    await expect(form).to.be.accessible();

    // Accepting applied it: Jeanne Dupont may now pick Lucia up.
    const child = await store.client.children.get(lucia.id, store.callOptions);
    expect(child.authorisedPickups.map((p) => p.name)).to.include('Jeanne Dupont');
    await store.logout();
  });

  it('answers the service in the thread when it asks for more information', async () => {
    const form = await requestForm(DEMO.parent, html`<foyer-request-form show="history"></foyer-request-form>`);
    const store = form.store!;
    const other = form.categories.find((c) => c.title === 'Autre demande')!;
    const request = await store.client.requests.create(
      { categoryId: other.id, answers: { subject: 'Goûter du mercredi' }, body: 'Le goûter est-il fourni le mercredi ?' },
      store.callOptions,
    );
    const agent = await asAgent();
    await withAdmin(agent).admin.requests.needsInfo(request.id, {
      message: 'Pour quel accueil : garderie ou centre de loisirs ?',
    });
    await agent.auth.logout();

    $<HTMLButtonElement>(form, '.history-actions button').click(); // "Actualiser"
    await waitForText(form, 'Informations demandées');
    const item = $$(form, '.request').find((r) => r.textContent?.includes('Informations demandées'))!;
    item.querySelector<HTMLButtonElement>('button[aria-expanded]')!.click();
    await waitUntil(() => item.querySelector('form.reply'), 'no reply form', { timeout: 10_000 });
    await form.updateComplete;
    expect(item.textContent).to.contain('Pour quel accueil : garderie ou centre de loisirs ?');

    // An empty reply is refused beside its field.
    item.querySelector<HTMLButtonElement>('form.reply button[type="submit"]')!.click();
    await form.updateComplete;
    const reply = item.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(reply.getAttribute('aria-invalid')).to.equal('true');
    await expect(form).to.be.accessible();

    reply.value = 'Pour le centre de loisirs, merci.';
    item.querySelector<HTMLButtonElement>('form.reply button[type="submit"]')!.click();
    await waitUntil(
      () =>
        item.textContent?.includes('Pour le centre de loisirs, merci.') && !item.textContent.includes('Informations demandées'),
      'the reply is not in the thread',
      {
        timeout: 10_000,
      },
    );
    expect(item.querySelector('.status')!.textContent).to.equal('En cours de traitement');
    await store.logout();
  });

  it('refuses a file that is not a PDF, JPEG or PNG, beside its input', async () => {
    const form = await requestForm();
    chooseCategory(form, 'Allergie alimentaire / PAI');
    await form.updateComplete;
    // Sent empty: the question with radio buttons is marked too, and focused when first.
    $<HTMLButtonElement>(form, 'button[part="submit"]').click();
    await form.updateComplete;
    expect($(form, '#answer-carePlan').getAttribute('aria-describedby')).to.contain('answer-carePlan-error');
    await expect(form).to.be.accessible();
    chooseFile($<HTMLInputElement>(form, '#file-medical_certificate'), new File(['MZ not a document'], 'certificat.pdf'));
    await waitForText(form, "Ce fichier n'est pas un PDF, une image JPEG ou PNG");
    const input = $<HTMLInputElement>(form, '#file-medical_certificate');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('file-medical_certificate-error');
    await expect(form).to.be.accessible();
    await storeOf(form.closest('foyer-provider')!).logout();
  });

  it('shows the signed-out, loading, error and empty states', async () => {
    const provider = await mountProvider(html`<foyer-request-form></foyer-request-form>`);
    await customElements.whenDefined('foyer-request-form');
    const form = provider.querySelector<FoyerRequestForm>('foyer-request-form')!;
    await waitForText(form, 'Connectez-vous pour faire une demande');
    await expect(form).to.be.accessible();

    const restore = failRequests(/\/request-categories$/, 500, 'The categories are resting.');
    try {
      await signIn(provider, DEMO.parent2);
      await waitForText(form, 'The categories are resting.');
      await expect(form).to.be.accessible();
    } finally {
      restore();
    }
    $<HTMLButtonElement>(form, '.tabpanel button').click(); // Réessayer
    await waitUntil(() => form.categoriesState === 'ready', 'the categories did not load again');

    tab(form, 'Historique des demandes').click();
    await waitForText(form, "Vous n'avez encore envoyé aucune demande.");
    await expect(form).to.be.accessible();
    await storeOf(provider).logout();
  });

  it('speaks English when the provider asks for it', async () => {
    const form = await requestForm(DEMO.parent2, html`<foyer-request-form></foyer-request-form>`, { locale: 'en' });
    await waitForText(form, 'Make a request');
    expect(tab(form, 'Request history')).to.exist;
    await expect(form).to.be.accessible();
    await storeOf(form.closest('foyer-provider')!).logout();
  });
});
