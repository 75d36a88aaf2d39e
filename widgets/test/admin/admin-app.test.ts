import { expect, waitUntil } from '@open-wc/testing';
import { $$, DEMO, text, waitForText } from '../helpers.js';
import { mountAdminApp, mountSignedIn, signInThroughForm } from './admin-helpers.js';

describe('<foyer-admin-app>', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('asks an agent to sign in to the back office, then shows every section to an admin', async () => {
    const { app } = await mountAdminApp();
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-login'), 'no sign-in form');
    const login = app.shadowRoot?.querySelector('foyer-login');
    await waitForText(login as HTMLElement, 'Connexion au back-office');
    await expect(app).to.be.accessible();

    await signInThroughForm(app);
    await waitForText(app, 'Back-office — Ville de Démo');
    const links = $$<HTMLAnchorElement>(app, 'nav a');
    expect(links.map((a) => a.textContent?.trim())).to.deep.equal([
      'Catalogue',
      'Familles',
      'Import',
      'Agents',
      "Demandes d'adhésion",
    ]);
    expect(text(app)).to.contain('Administrateur');
    await expect(app).to.be.accessible();
  });

  it('follows the address: a link opens its section, marks it current and moves the focus to it', async () => {
    const { app } = await mountSignedIn();
    const familles = $$<HTMLAnchorElement>(app, 'nav a').find((a) => a.textContent?.trim() === 'Familles');
    familles?.click();
    await app.updateComplete;
    expect(window.location.hash).to.equal('#familles');
    expect(familles?.getAttribute('aria-current')).to.equal('page');
    await waitUntil(() => app.shadowRoot?.activeElement?.localName === 'main', 'focus did not move to the section');
    expect(app.shadowRoot?.querySelector('foyer-admin-households')).to.exist;
  });

  it('tells a parent without an agent role that the back office is not theirs', async () => {
    const { app } = await mountSignedIn(DEMO.parent);
    await waitForText(app, "Ce compte n'a de rôle d'agent dans aucune collectivité");
    expect($$(app, 'nav')).to.have.length(0);
    await expect(app).to.be.accessible();
  });
});
