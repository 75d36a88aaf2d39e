import { withAdmin } from '@foyer/sdk/admin';
import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FoyerCollectivitySwitcher } from '../src/collectivity-switcher/collectivity-switcher.component.js';
import type { FoyerJoinRequest } from '../src/join-request/join-request.component.js';
import { $, $$, asAgentOf, fill, mountProvider, newFamily, storeOf, text, waitForText } from './helpers.js';

/** The element that has the keyboard focus, inside shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Opens « Adhérer à une autre collectivité » from the switcher: its form, once it read the towns and requests. */
async function openJoin(switcher: FoyerCollectivitySwitcher): Promise<FoyerJoinRequest> {
  const button = $<HTMLButtonElement>(switcher, '#join');
  button.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => switcher.joinRequest?.shadowRoot?.querySelector('dialog[open]'), 'the dialog did not open', {
    timeout: 10_000,
  });
  const form = switcher.joinRequest!;
  await waitUntil(() => form.requestsState === 'ready', 'the requests did not load', { timeout: 10_000 });
  await form.updateComplete;
  return form;
}

function fillRequest(form: FoyerJoinRequest, child?: { firstName: string; lastName: string; birthDate: string }): void {
  fill($<HTMLSelectElement>(form, '#join-collectivity'), 'saint-exemple');
  fill($<HTMLInputElement>(form, '#householdName'), 'Famille Moreau');
  fill($<HTMLInputElement>(form, '#firstName'), 'Léa');
  fill($<HTMLInputElement>(form, '#lastName'), 'Moreau');
  fill($<HTMLInputElement>(form, '#phone'), '06 12 34 56 78');
  fill($<HTMLInputElement>(form, '#address'), '3 rue des Lilas, 12345 Saint-Exemple');
  if (child) {
    const row = $$<HTMLFieldSetElement>(form, 'fieldset.child').at(-1)!;
    fill(row.querySelector<HTMLInputElement>('input[name$=".firstName"]')!, child.firstName);
    fill(row.querySelector<HTMLInputElement>('input[name$=".lastName"]')!, child.lastName);
    fill(row.querySelector<HTMLInputElement>('input[name$=".birthDate"]')!, child.birthDate);
  }
  fill($<HTMLTextAreaElement>(form, '#message') as unknown as HTMLInputElement, 'Nous emménageons en janvier.');
}

async function submit(form: FoyerJoinRequest): Promise<void> {
  $<HTMLButtonElement>(form, 'button[type="submit"]').click();
  await form.updateComplete;
}

describe('joining another town', () => {
  it('asks Saint-Exemple to take the family in: refused with a reason, asked again, accepted, then switched to', async () => {
    // A family of its own (Ville de Démo only): the demo parents' towns stay as other tests expect.
    const family = await newFamily();
    const provider = await mountProvider(html`<foyer-collectivity-switcher></foyer-collectivity-switcher>`);
    const store = storeOf(provider);
    await store.login(family.email, family.password);
    const switcher = provider.querySelector<FoyerCollectivitySwitcher>('foyer-collectivity-switcher')!;
    await switcher.updateComplete;
    expect(switcher.shadowRoot?.querySelector('select'), 'one town: nothing to switch').to.equal(null);
    await expect(switcher).to.be.accessible();

    // The dialog opens on its title, and offers the other towns, not the family's own.
    const form = await openJoin(switcher);
    expect(focused()?.id).to.equal('join-title');
    const towns = $$<HTMLOptionElement>(form, '#join-collectivity option').map((o) => o.value);
    expect(towns).to.include('saint-exemple');
    expect(towns).not.to.include('ville-de-demo');
    expect(text(form)).to.contain("Vous n'avez demandé à adhérer à aucune autre commune.");
    await expect(switcher).to.be.accessible();

    // Sent empty, the form says what is missing in the contract's words, and focuses the first field.
    $<HTMLButtonElement>(form, '#add-child').click();
    await form.updateComplete;
    fill($<HTMLInputElement>(form, '#householdName'), '');
    await submit(form);
    expect($(form, '#join-collectivity-error').textContent).to.contain('Choisissez la commune.');
    expect($<HTMLInputElement>(form, '#householdName').getAttribute('aria-describedby')).to.equal('householdName-error');
    expect(text(form)).to.contain('le nom du foyer est obligatoire');
    expect(text(form)).to.contain("le prénom de l'enfant est obligatoire");
    expect(focused()?.id).to.equal('join-collectivity');
    await expect(switcher).to.be.accessible();

    // A second child's row, removed again: the focus goes to the row before.
    $<HTMLButtonElement>(form, '#add-child').click();
    await form.updateComplete;
    expect($$(form, 'fieldset.child')).to.have.length(2);
    $$<HTMLButtonElement>(form, 'fieldset.child button').at(-1)!.click();
    await form.updateComplete;
    expect($$(form, 'fieldset.child')).to.have.length(1);
    expect((focused() as HTMLInputElement | null)?.name).to.equal('children.0.firstName');

    fillRequest(form, { firstName: 'Jules', lastName: 'Moreau', birthDate: '2019-05-02' });
    await submit(form);
    await waitForText(form, 'Demande envoyée à Saint-Exemple : vous recevrez un e-mail quand elle aura été traitée.');
    expect(focused()?.id).to.equal('sent');
    await waitForText(form, /Saint-Exemple\s*en attente/);
    await expect(switcher).to.be.accessible();

    // The town's agent finds it with its child, and refuses it: the parent reads why.
    const agent = withAdmin(await asAgentOf('saint-exemple'));
    const pending = (await agent.admin.joinRequests.list({ status: 'pending' })).joinRequests.find(
      (r) => r.email === family.email,
    );
    expect(pending?.children).to.deep.equal([{ firstName: 'Jules', lastName: 'Moreau', birthDate: '2019-05-02' }]);
    await agent.admin.joinRequests.refuse(pending!.id, { reason: 'Justificatif de domicile manquant.' });
    await form.reload();
    await waitForText(form, /Saint-Exemple\s*refusée/);
    expect(text(form)).to.contain('Motif : Justificatif de domicile manquant.');
    await expect(switcher).to.be.accessible();

    // Asked again, accepted with a new household: the switcher lists the town once the account is read again.
    fillRequest(form);
    await submit(form);
    await waitUntil(() => form.requests.some((r) => r.status === 'pending'), 'the second request is not listed', {
      timeout: 10_000,
    });
    const again = form.requests.find((r) => r.status === 'pending')!;
    await agent.admin.joinRequests.accept(again.id, {});
    await form.reload();
    await waitForText(form, /Saint-Exemple\s*acceptée/);
    await waitUntil(() => store.parentMemberships.length === 2, 'the new town is not among the memberships', { timeout: 10_000 });
    expect(store.parentMemberships.map((m) => m.collectivity.slug)).to.include('saint-exemple');

    // Escape closes the dialog and gives the focus back to its button; the picker lists the new town.
    $<HTMLElement>(form, '#join-title').focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !form.shadowRoot?.querySelector('dialog[open]'), 'the dialog did not close');
    expect(focused()?.id).to.equal('join');
    const options = $$<HTMLOptionElement>(switcher, '#collectivity option').map((o) => o.value);
    expect(options).to.include.members(['ville-de-demo', 'saint-exemple']);
    await expect(switcher).to.be.accessible();

    // No town is left to join: the form says so.
    const reopened = await openJoin(switcher);
    expect(text(reopened)).to.contain('Votre compte est déjà lié à toutes les communes qui utilisent Foyer.');
    await expect(switcher).to.be.accessible();
    $<HTMLButtonElement>(reopened, '#close').click();
    await waitUntil(() => !reopened.shadowRoot?.querySelector('dialog[open]'), 'the dialog did not close');
    expect(focused()?.id).to.equal('join');
  });
});
