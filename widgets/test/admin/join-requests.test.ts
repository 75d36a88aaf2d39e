import { adminJoinRequests } from '@foyer/sdk';
import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminJoinRequests } from '../../src/admin/join-requests/join-requests.component.js';
import { $, text, waitForText } from '../helpers.js';
import { mountSignedIn, newAccount, section } from './admin-helpers.js';

const ask = (name: string) => ({
  householdName: name,
  firstName: 'Camille',
  lastName: 'Martin',
  children: [{ firstName: 'Jules', lastName: 'Martin', birthDate: '2017-06-01' }],
  message: 'Nous emménageons en janvier.',
});

async function openJoinRequests(): Promise<FoyerAdminJoinRequests> {
  window.history.replaceState(null, '', '#adhesions');
  const { app } = await mountSignedIn();
  await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-join-requests'), 'no join requests section');
  const section_ = section<FoyerAdminJoinRequests>(app, 'foyer-admin-join-requests');
  await waitUntil(() => section_.listState === 'ready', 'the requests did not load', { timeout: 10_000 });
  return section_;
}

describe('<foyer-admin-join-requests>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('accepts a request by creating the household; the family then sees the town', async () => {
    const { client } = await newAccount();
    const name = `Famille Martin ${crypto.randomUUID().slice(0, 4)}`;
    await client.method(adminJoinRequests.createJoinRequest)(ask(name));
    const requests = await openJoinRequests();
    await waitForText(requests, name);
    expect(text(requests)).to.contain('Jules Martin');
    await expect(requests).to.be.accessible();

    const card = [...(requests.shadowRoot?.querySelectorAll('li.card') ?? [])].find((li) => li.textContent?.includes(name));
    card?.querySelector<HTMLButtonElement>('button.primary')?.click();
    await waitForText(requests, `Demande de ${name} acceptée`);
    const me = await client.me.get();
    expect(me.memberships.some((m) => m.kind === 'parent' && m.collectivity.slug === 'ville-de-demo')).to.equal(true);
  });

  it('refuses a request only with a reason, which it names when missing', async () => {
    const { client } = await newAccount();
    const name = `Famille Petit ${crypto.randomUUID().slice(0, 4)}`;
    await client.method(adminJoinRequests.createJoinRequest)(ask(name));
    const requests = await openJoinRequests();
    await waitForText(requests, name);
    const card = [...(requests.shadowRoot?.querySelectorAll('li.card') ?? [])].find((li) => li.textContent?.includes(name));
    const form = card?.querySelector<HTMLFormElement>('form[id$="-refuse"]');
    form?.closest('details')?.setAttribute('open', '');
    form?.requestSubmit();
    await waitForText(requests, 'le motif du refus est obligatoire');
    await expect(requests).to.be.accessible();
    const reason = form?.querySelector<HTMLTextAreaElement>('textarea');
    if (reason) reason.value = 'Justificatif de domicile manquant.';
    form?.requestSubmit();
    await waitForText(requests, `Demande de ${name} refusée`);
    const mine = await client.method(adminJoinRequests.listMyJoinRequests)();
    expect(mine.joinRequests[0]?.refusalReason).to.equal('Justificatif de domicile manquant.');
    expect($(requests, '#status')).to.exist;
  });
});
