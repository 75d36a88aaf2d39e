import { createClient, type FoyerClient } from '@foyer/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FoyerAdminApp } from '../../src/admin/app/admin-app.component.js';
import type { FoyerAdminRequests } from '../../src/admin/requests/requests.component.js';
import { $, $$, DEMO, pdfFile, testApi, text, waitForText } from '../helpers.js';
import { mountSignedIn, newAccount, section } from './admin-helpers.js';

/** A 1×1 PNG the browser can draw (the API judges documents by their first bytes). */
function pngFile(name: string): File {
  const base64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new File([bytes], name, { type: 'image/png' });
}

async function demoParent(): Promise<FoyerClient> {
  const { url } = await testApi();
  const parent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await parent.auth.login({ email: DEMO.parent, password: DEMO.password });
  return parent;
}

/** A parent's « Autre demande » with one document, as the families' request form sends it. */
async function parentRequest(subject: string, file: File): Promise<string> {
  const parent = await demoParent();
  const { categories } = await parent.requestCategories.list();
  const other = categories.find((c) => c.effect === null);
  if (!other) throw new Error('no « Autre demande » category in the seed');
  const document = await parent.attachments.upload(file, { type: 'document' });
  const sent = await parent.requests.create({ categoryId: other.id, answers: { subject }, attachmentIds: [document.id] });
  await parent.auth.logout();
  return sent.id;
}

async function openInbox(email?: string, password?: string): Promise<{ app: FoyerAdminApp; inbox: FoyerAdminRequests }> {
  window.history.replaceState(null, '', '#demandes');
  const { app } = await mountSignedIn(email, password);
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-requests'), 'no requests section', { timeout: 10_000 });
  const inbox = section<FoyerAdminRequests>(app, 'foyer-admin-requests');
  await waitUntil(() => inbox.inbox.state === 'ready', 'the inbox did not load', { timeout: 10_000 });
  return { app, inbox };
}

/** The number on the « Demandes » navigation entry (0 when it shows none). */
function navBadge(app: FoyerAdminApp): number {
  const link = $$<HTMLAnchorElement>(app, 'nav a').find((a) => a.getAttribute('href') === '#demandes');
  if (!link) throw new Error('no « Demandes » entry');
  return Number(link.querySelector('.badge [aria-hidden]')?.textContent ?? 0);
}

const row = (inbox: FoyerAdminRequests, id: string) =>
  inbox.shadowRoot?.querySelector<HTMLTableRowElement>(`tr[data-key="${id}"]`);

async function openRow(inbox: FoyerAdminRequests, id: string): Promise<void> {
  await waitUntil(() => row(inbox, id), `request ${id} is not listed`, { timeout: 10_000 });
  row(inbox, id)?.querySelector<HTMLButtonElement>('button.link')?.click();
  await waitUntil(() => inbox.view === 'detail' && inbox.detail?.id === id, 'the request did not open', { timeout: 10_000 });
  await inbox.updateComplete;
}

function choose(inbox: FoyerAdminRequests, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(inbox, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

/** Opens the `<details>` around a form, writes in its textarea and sends it. */
async function send(inbox: FoyerAdminRequests, formId: string, value: string, notice: string): Promise<void> {
  const form = $<HTMLFormElement>(inbox, `#${formId}`);
  form.closest('details')?.setAttribute('open', '');
  const area = form.querySelector('textarea');
  if (area) area.value = value;
  form.requestSubmit();
  await waitForText(inbox, notice);
  await waitUntil(() => inbox.shadowRoot?.activeElement?.classList.contains('notice'), 'focus did not go to the notice');
}

describe('<foyer-admin-requests>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('lists a new request unread, filters, shows its image inline, and the badge goes down once it is open', async () => {
    const subject = `Photo du cahier ${crypto.randomUUID().slice(0, 4)}`;
    const id = await parentRequest(subject, pngFile('cahier.png'));
    const { app, inbox } = await openInbox();
    await waitUntil(() => row(inbox, id), 'the new request is not listed', { timeout: 10_000 });
    expect(row(inbox, id)?.textContent).to.contain('non lue');
    expect(row(inbox, id)?.textContent).to.contain('Autre demande');
    expect(row(inbox, id)?.textContent).to.contain('nouvelle');
    await waitUntil(() => navBadge(app) > 0, 'no unread badge');
    const before = navBadge(app);
    expect(text(inbox)).to.contain(`${before} demande(s) non lue(s)`);
    await expect(app).to.be.accessible();

    choose(inbox, '#filter-assignee', 'none');
    await waitUntil(() => inbox.inbox.state === 'ready' && row(inbox, id), 'the unassigned filter lost the request');
    choose(inbox, '#filter-status', 'accepted');
    await waitUntil(() => inbox.inbox.state === 'ready' && !row(inbox, id), 'the status filter kept the request');
    choose(inbox, '#filter-status', 'submitted,in_progress,needs_info');
    choose(inbox, '#filter-assignee', '');
    await waitUntil(() => inbox.inbox.state === 'ready' && row(inbox, id), 'the request did not come back');

    await openRow(inbox, id);
    expect(inbox.shadowRoot?.activeElement?.id).to.equal('request-title');
    expect(text(inbox)).to.contain(subject);
    await waitUntil(() => navBadge(app) === before - 1, 'the badge did not go down');
    $$<HTMLButtonElement>(inbox, '.attachments button')
      .find((b) => b.textContent?.includes('cahier.png'))
      ?.click();
    await waitUntil(
      () => inbox.shadowRoot?.querySelector<HTMLImageElement>('.preview img')?.naturalWidth,
      'the image is not shown',
    );
    expect($<HTMLImageElement>(inbox, '.preview img').alt).to.contain('cahier.png');
    await expect(inbox).to.be.accessible();

    $<HTMLButtonElement>(inbox, 'button.back').click();
    await waitUntil(() => inbox.view === 'list' && row(inbox, id), 'back to the list');
    expect(row(inbox, id)?.textContent).not.to.contain('non lue');
  });

  it('assigns to me, asks for information, answers and accepts one request; rejects another with its PDF shown', async () => {
    const first = await parentRequest(`Inscription tardive ${crypto.randomUUID().slice(0, 4)}`, pngFile('fiche.png'));
    const second = await parentRequest(`Attestation ${crypto.randomUUID().slice(0, 4)}`, pdfFile('attestation.pdf'));
    const { inbox } = await openInbox();

    await openRow(inbox, first);
    $<HTMLButtonElement>(inbox, '#assign-me').click();
    await waitForText(inbox, 'Demande assignée à vous. Statut : en cours.');
    await waitUntil(() => inbox.shadowRoot?.activeElement?.classList.contains('notice'), 'focus did not go to the notice');
    expect($(inbox, 'dd.status').textContent).to.contain('en cours');
    await expect(inbox).to.be.accessible();

    await send(inbox, 'needs-info-form', 'Merci de joindre la fiche signée.', 'Demande d’informations envoyée');
    expect($(inbox, 'dd.status').textContent).to.contain('en attente de la famille');
    expect(text(inbox)).to.contain('Merci de joindre la fiche signée.');
    await send(inbox, 'reply-form', 'Nous traitons votre dossier.', 'Réponse envoyée');
    await send(inbox, 'accept-form', '', 'Demande acceptée');
    expect($(inbox, 'dd.status').textContent).to.contain('acceptée');
    expect(inbox.shadowRoot?.querySelector('#reject-form')).to.equal(null);
    await expect(inbox).to.be.accessible();

    $<HTMLButtonElement>(inbox, 'button.back').click();
    await waitUntil(() => inbox.view === 'list', 'back to the list');
    await openRow(inbox, second);
    $$<HTMLButtonElement>(inbox, '.attachments button')
      .find((b) => b.textContent?.includes('attestation.pdf'))
      ?.click();
    await waitUntil(() => inbox.shadowRoot?.querySelector('.preview object'), 'the PDF is not shown');
    expect($<HTMLObjectElement>(inbox, '.preview object').type).to.equal('application/pdf');
    expect($<HTMLAnchorElement>(inbox, '.preview a[download]').href).to.match(/^blob:/);

    const reject = $<HTMLFormElement>(inbox, '#reject-form');
    reject.closest('details')?.setAttribute('open', '');
    reject.requestSubmit();
    await waitForText(inbox, 'le motif du refus est obligatoire');
    await expect(inbox).to.be.accessible();
    await send(inbox, 'reject-form', 'Le document attendu est l’attestation de la CAF.', 'Demande refusée');
    expect($(inbox, 'dd.status').textContent).to.contain('refusée');
    await expect(inbox).to.be.accessible();
  });

  it('lets an agent who is not an admin assign a request to a colleague, named without their email', async () => {
    const id = await parentRequest(`Changement d'école ${crypto.randomUUID().slice(0, 4)}`, pngFile('certificat.png'));
    const { email, password } = await newAccount('agent');
    const { inbox } = await openInbox(email, password);
    await waitUntil(() => inbox.assignees.length > 0, 'no colleague to assign to', { timeout: 10_000 });
    const nadia = inbox.assignees.find((a) => a.name === 'Nadia Roche (service Enfance)');
    if (!nadia) throw new Error('the demo admin is not offered');
    expect(inbox.assignees.some((a) => a.name.includes('@'))).to.equal(false);
    const filter = $$<HTMLOptionElement>(inbox, '#filter-assignee option').map((o) => o.textContent?.trim());
    expect(filter).to.include('Nadia Roche (service Enfance)');

    await openRow(inbox, id);
    const summary = $<HTMLFormElement>(inbox, '#assign-form').closest('details')?.querySelector('summary');
    summary?.focus();
    await sendKeys({ press: 'Enter' });
    $<HTMLSelectElement>(inbox, '#assign-agent').focus();
    choose(inbox, '#assign-agent', nadia.id);
    $<HTMLButtonElement>(inbox, '#assign-form button[type="submit"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitForText(inbox, 'Demande assignée à Nadia Roche (service Enfance). Statut : en cours.');
    expect(inbox.detail?.assignedTo?.id).to.equal(nadia.id);
    await expect(inbox).to.be.accessible();
  });

  it('is not offered to the kitchen nor to animators, whose role may not read requests', async () => {
    for (const role of ['kitchen', 'animator'] as const) {
      const { email, password } = await newAccount(role);
      window.history.replaceState(null, '', '#demandes');
      const { app } = await mountSignedIn(email, password);
      await waitUntil(() => app.shadowRoot?.querySelector('nav'), 'no navigation');
      expect($$<HTMLAnchorElement>(app, 'nav a').some((a) => a.getAttribute('href') === '#demandes')).to.equal(false);
      expect(app.shadowRoot?.querySelector('foyer-admin-requests')).to.equal(null);
    }
  });
});
