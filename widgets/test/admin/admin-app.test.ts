import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { $$, DEMO, text, waitForText } from '../helpers.js';
import { mountAdminApp, mountSignedIn, newAccount, signInThroughForm } from './admin-helpers.js';

/** The sections' names, without the unread badge of « Demandes ». */
const navLabels = (app: HTMLElement) =>
  $$<HTMLAnchorElement>(app, 'nav a').map((a) => {
    const copy = a.cloneNode(true) as HTMLElement;
    copy.querySelector('.badge')?.remove();
    return copy.textContent?.trim();
  });

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
    expect(navLabels(app)).to.deep.equal([
      'Catalogue',
      'Familles',
      'Réservations',
      'Demandes',
      'Import',
      'Agents',
      "Demandes d'adhésion",
      'Pointage',
      'Cuisine',
      'Exports',
      'Facturation',
      'Paiements',
      'Prélèvements',
      "Journal d'audit",
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

  it('shows an agent the families, the requests, the import and the join requests, but not the catalog nor the agents', async () => {
    const { email, password } = await newAccount('agent');
    const { app } = await mountSignedIn(email, password);
    expect(navLabels(app)).to.deep.equal([
      'Familles',
      'Réservations',
      'Demandes',
      'Import',
      "Demandes d'adhésion",
      'Pointage',
      'Cuisine',
      'Exports',
      'Facturation',
      'Paiements',
    ]);
    expect(text(app)).to.contain('· Agent');
    await expect(app).to.be.accessible();
  });

  it('gives the kitchen its meal counts only, and animators the roll call only', async () => {
    const { email, password } = await newAccount('kitchen');
    const { app } = await mountSignedIn(email, password);
    await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-kitchen'), 'no kitchen section');
    expect(navLabels(app)).to.deep.equal(['Cuisine', 'Exports']);
    await expect(app).to.be.accessible();
    const animator = await newAccount('animator');
    const { app: animatorApp } = await mountSignedIn(animator.email, animator.password);
    await waitUntil(() => animatorApp.shadowRoot?.querySelector('foyer-admin-roll-call'), 'no roll call section');
    expect(navLabels(animatorApp)).to.deep.equal(['Pointage']);
  });

  it('fits a tablet in portrait and a 1024 px screen without scrolling sideways', async () => {
    window.history.replaceState(null, '', '#familles');
    for (const width of [768, 1024]) {
      await setViewport({ width, height: 1000 });
      const { app } = await mountSignedIn();
      await waitUntil(() => app.shadowRoot?.querySelector('foyer-admin-households'), 'no households section');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(document.documentElement.scrollWidth, `at ${width} px`).to.be.at.most(width);
      const nav = app.shadowRoot?.querySelector('nav')?.getBoundingClientRect();
      const main = app.shadowRoot?.querySelector('main')?.getBoundingClientRect();
      // A tablet has the navigation above the section, a wider screen beside it.
      if (width === 768) expect(main?.top).to.be.greaterThan(nav?.bottom ?? 0);
      else expect(main?.left).to.be.greaterThan(nav?.right ?? 0);
    }
    await setViewport({ width: 800, height: 600 });
  });

  it('tells a parent without an agent role that the back office is not theirs', async () => {
    const { app } = await mountSignedIn(DEMO.parent);
    await waitForText(app, "Ce compte n'a de rôle d'agent dans aucune collectivité");
    expect($$(app, 'nav')).to.have.length(0);
    await expect(app).to.be.accessible();
  });
});
