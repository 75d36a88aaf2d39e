import { expect, waitUntil } from '@open-wc/testing';
import type { FoyerAdminAgents } from '../../src/admin/agents/agents.component.js';
import { $, DEMO, fill, text, waitForText } from '../helpers.js';
import { mountSignedIn, section } from './admin-helpers.js';

describe('<foyer-admin-agents>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('lists the agents, invites one with a role, changes it, and names the field the form misses', async () => {
    window.history.replaceState(null, '', '#agents');
    const { app } = await mountSignedIn();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-agents'), 'no agents section');
    const agents = section<FoyerAdminAgents>(app, 'foyer-admin-agents');
    await waitUntil(() => agents.agents.length > 0, 'the agents did not load', { timeout: 10_000 });
    expect(text(agents)).to.contain(DEMO.agent);
    await expect(agents).to.be.accessible();

    const form = $<HTMLFormElement>(agents, '#invite-form');
    fill($<HTMLInputElement>(agents, '#agent-email'), 'pas-une-adresse');
    form.requestSubmit();
    await waitForText(agents, "l'adresse e-mail n'est pas une adresse e-mail");
    await waitUntil(() => agents.shadowRoot?.activeElement?.id === 'agent-email', 'focus did not go to the email');
    await expect(agents).to.be.accessible();

    const email = `cuisine.${crypto.randomUUID().slice(0, 8)}@example.org`;
    fill($<HTMLInputElement>(agents, '#agent-email'), email);
    fill($<HTMLSelectElement>(agents, '#agent-role'), 'kitchen');
    form.requestSubmit();
    await waitForText(agents, `Invitation envoyée à ${email} (Cuisine).`);
    await waitUntil(() => agents.agents.some((a) => a.email === email), 'the list did not show the new agent');
    const invited = agents.agents.find((a) => a.email === email);
    expect(invited?.status).to.equal('invited');

    fill($<HTMLSelectElement>(agents, `#role-${invited?.id}`), 'animator');
    await waitForText(agents, `${email} a désormais le rôle Animateur.`);
    await waitUntil(() => agents.agents.find((a) => a.email === email)?.role === 'animator', 'the role did not change');
    await expect(agents).to.be.accessible();
  });
});
