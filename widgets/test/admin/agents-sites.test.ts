import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { FoyerAdminAgents } from '../../src/admin/agents/agents.component.js';
import type { FoyerAdminRollCall } from '../../src/admin/roll-call/roll-call.component.js';
import { $, text, waitForText } from '../helpers.js';
import { adminClient, mountSignedIn, newAccount, section } from './admin-helpers.js';

describe("<foyer-admin-agents>: an animator's sites", () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('says an animator without a site sees no roll call, and gives one a site with the keyboard; the roll call then offers only it', async () => {
    const animator = await newAccount('animator');
    // A site with an activity to take the roll call of.
    const [activity] = (await (await adminClient()).admin.rollCall.activities()).activities;
    if (!activity) throw new Error('the demo town has no activity');

    window.history.replaceState(null, '', '#pointage');
    const before = await mountSignedIn(animator.email, animator.password);
    await waitUntil(() => before.app.shadowRoot?.querySelector('foyer-admin-roll-call'), 'no roll-call section');
    const emptyRollCall = section<FoyerAdminRollCall>(before.app, 'foyer-admin-roll-call');
    await waitForText(emptyRollCall, 'Aucune activité sur vos sites');
    await expect(emptyRollCall).to.be.accessible();
    before.provider.remove();

    window.history.replaceState(null, '', '#agents');
    const { app, provider } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-agents'), 'no agents section');
    const agents = section<FoyerAdminAgents>(app, 'foyer-admin-agents');
    await waitUntil(() => agents.agents.some((a) => a.email === animator.email), 'the animator is not listed', {
      timeout: 10_000,
    });
    const row = agents.agents.find((a) => a.email === animator.email);
    expect(row?.sites).to.deep.equal([]);
    expect(text(agents)).to.contain('Aucun site : cet animateur ne voit aucun appel');
    await expect(agents).to.be.accessible();

    const site = agents.sites.find((s) => s.id === activity.site.id);
    if (!row || !site) throw new Error('no site to give');
    const box = $<HTMLInputElement>(agents, `#site-${row.id}-${site.id}`);
    expect(box.labels?.[0]?.textContent?.trim()).to.equal(site.name);
    box.focus();
    await sendKeys({ press: 'Space' });
    await waitForText(agents, `${animator.email} voit désormais l'appel de ${site.name}.`);
    expect(agents.agents.find((a) => a.email === animator.email)?.sites).to.deep.equal([{ id: site.id, name: site.name }]);
    expect(agents.shadowRoot?.activeElement?.id).to.equal(box.id);
    await expect(agents).to.be.accessible();
    provider.remove();

    window.history.replaceState(null, '', '#pointage');
    const after = await mountSignedIn(animator.email, animator.password);
    await waitUntil(() => after.app.shadowRoot?.querySelector('foyer-admin-roll-call'), 'no roll-call section');
    const rollCall = section<FoyerAdminRollCall>(after.app, 'foyer-admin-roll-call');
    await waitUntil(() => rollCall.activitiesLoaded, 'the activities did not load', { timeout: 10_000 });
    expect([...new Set(rollCall.activities.map((a) => a.site.id))]).to.deep.equal([site.id]);
    expect(text(rollCall)).not.to.contain('Aucune activité sur vos sites');
  });
});
