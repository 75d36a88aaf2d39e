import { createClient } from '@foyer/sdk';
import { withAdmin } from '@foyer/sdk/admin';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FoyerSignedInEvent } from '../src/events/signed-in.js';
import type { FoyerLogin } from '../src/login/login.component.js';
import {
  $,
  DEMO,
  fill,
  latestEmail,
  mountProvider,
  setPageFragment,
  setPageParam,
  testApi,
  text,
  waitForText,
} from './helpers.js';

/** An agent creates a household; answers the invited guardian's email and the token of the emailed link. */
async function invite(): Promise<{ email: string; token: string }> {
  const { url } = await testApi();
  const agent = createClient({ baseUrl: url, collectivity: 'ville-de-demo' });
  await agent.auth.login({ email: DEMO.agent, password: DEMO.password });
  const email = `parent.${crypto.randomUUID().slice(0, 8)}@example.org`;
  await withAdmin(agent).admin.households.create({
    name: 'Famille Moreau',
    guardian: { firstName: 'Léa', lastName: 'Moreau', email },
    children: [{ firstName: 'Jules', lastName: 'Moreau', birthDate: '2019-05-02' }],
  });
  await agent.auth.logout();
  return { email, token: await linkToken(email, 'foyer-invitation') };
}

async function linkToken(email: string, param: string): Promise<string> {
  const mail = await latestEmail(email);
  const token = mail?.text.match(new RegExp(`${param}=([A-Za-z0-9_-]+)`))?.[1];
  if (!token) throw new Error(`no ${param} link in ${JSON.stringify(mail)}`);
  return token;
}

function submit(login: FoyerLogin): void {
  $<HTMLButtonElement>(login, 'button[type="submit"]').click();
}

describe('<foyer-login>', () => {
  afterEach(() => {
    setPageParam('foyer-invitation', null);
    setPageParam('foyer-reset', null);
    setPageFragment('foyer-reset', null);
  });

  it('signs in, shows who is signed in, and signs out', async () => {
    const provider = await mountProvider(html`<foyer-login></foyer-login>`);
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    const signedIn = oneEvent(provider, 'foyer-signed-in') as Promise<FoyerSignedInEvent>;
    fill($<HTMLInputElement>(login, '#email'), DEMO.parent);
    fill($<HTMLInputElement>(login, '#password'), DEMO.password);
    submit(login);
    expect((await signedIn).detail.via).to.equal('login');
    await waitForText(login, 'Connecté en tant que Maria Sanchez-Cordoves');
    await waitUntil(() => login.shadowRoot?.activeElement?.textContent?.includes('Maria'), 'focus did not move to the account');
    await expect(login).to.be.accessible();

    const signedOut = oneEvent(provider, 'foyer-signed-out');
    $<HTMLButtonElement>(login, 'button[part="sign-out"]').click();
    await signedOut;
    await waitForText(login, 'Connexion à votre espace famille');
    await waitUntil(() => login.shadowRoot?.activeElement?.id === 'email', 'focus did not go back to the email field');
  });

  it('names the missing fields, then shows the API’s message for a wrong password', async () => {
    const provider = await mountProvider(html`<foyer-login></foyer-login>`);
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    submit(login);
    await waitForText(login, 'Saisissez votre adresse e-mail.');
    const email = $<HTMLInputElement>(login, '#email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.contain('email-error');
    expect(login.shadowRoot?.activeElement).to.equal(email);
    await expect(login).to.be.accessible();

    fill(email, DEMO.parent2);
    fill($<HTMLInputElement>(login, '#password'), 'not-the-password');
    submit(login);
    await waitForText(login, 'Adresse e-mail ou mot de passe incorrect.');
    expect($(login, '[role="alert"]')).to.equal(login.shadowRoot?.activeElement);
    await expect(login).to.be.accessible();
  });

  it('activates an invited account from a link of an earlier version (token in the query), then cleans the address', async () => {
    const { email, token } = await invite();
    setPageParam('foyer-invitation', token);
    const provider = await mountProvider(html`<foyer-login></foyer-login>`);
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    await waitForText(login, 'Activez votre espace famille');
    expect(text(login)).to.contain('Ville de Démo vous invite à gérer le foyer « Famille Moreau » en ligne.');
    expect(text(login)).to.contain(email);
    await expect(login).to.be.accessible();

    fill($<HTMLInputElement>(login, '#firstName'), 'Léa');
    fill($<HTMLInputElement>(login, '#lastName'), 'Moreau');
    fill($<HTMLInputElement>(login, '#password'), 'un mot de passe choisi');
    fill($<HTMLInputElement>(login, '#confirm'), 'un autre');
    submit(login);
    await waitForText(login, 'Les deux mots de passe ne sont pas identiques.');

    fill($<HTMLInputElement>(login, '#confirm'), 'un mot de passe choisi');
    const signedIn = oneEvent(provider, 'foyer-signed-in') as Promise<FoyerSignedInEvent>;
    submit(login);
    expect((await signedIn).detail.via).to.equal('activate');
    await waitForText(login, 'Connecté en tant que');
    expect(new URL(window.location.href).searchParams.has('foyer-invitation')).to.equal(false);
  });

  it('shows the API’s message for a link that is no longer valid', async () => {
    setPageParam('foyer-invitation', 'x'.repeat(43));
    const provider = await mountProvider(html`<foyer-login></foyer-login>`);
    const login = provider.querySelector<FoyerLogin>('foyer-login')!;
    await waitForText(login, "Ce lien n'est plus valable.");
    expect(text(login)).to.contain('Ce lien d’activation n’est pas valable ou a expiré.');
    await expect(login).to.be.accessible();
  });

  it('resets a forgotten password from the emailed link', async () => {
    const { url } = await testApi();
    const { email, token } = await invite();
    await createClient({ baseUrl: url }).auth.activate({
      token,
      password: 'premier mot de passe',
      firstName: 'Léa',
      lastName: 'Moreau',
    });

    let provider = await mountProvider(html`<foyer-login></foyer-login>`);
    let login = provider.querySelector<FoyerLogin>('foyer-login')!;
    $<HTMLButtonElement>(login, 'button.link').click();
    await waitForText(login, 'Mot de passe oublié');
    fill($<HTMLInputElement>(login, '#email'), email);
    submit(login);
    await waitForText(login, 'Vérifiez votre messagerie');
    await expect(login).to.be.accessible();
    provider.remove();

    // Today's links carry the token in the fragment, which the town's server never receives.
    setPageFragment('foyer-reset', await linkToken(email, 'foyer-reset'));
    provider = await mountProvider(html`<foyer-login></foyer-login>`);
    login = provider.querySelector<FoyerLogin>('foyer-login')!;
    await waitForText(login, 'Choisissez un nouveau mot de passe');
    fill($<HTMLInputElement>(login, '#password'), 'second mot de passe');
    fill($<HTMLInputElement>(login, '#confirm'), 'second mot de passe');
    submit(login);
    await waitForText(login, 'Votre mot de passe a été modifié');
    expect(window.location.hash).to.equal('');

    fill($<HTMLInputElement>(login, '#email'), email);
    fill($<HTMLInputElement>(login, '#password'), 'second mot de passe');
    submit(login);
    await waitForText(login, 'Connecté en tant que Léa Moreau');
  });
});
