import { expect, waitUntil } from '@open-wc/testing';
import { testApi } from './helpers.js';

/**
 * A town's page as a CMS makes it: one script tag for foyer.js, served by the API (built by
 * `npm run size`, which `npm run test:widgets` runs first), in a frame of its own so that the
 * elements the other tests define from the sources do not count.
 */
async function townPage(body: string, bundle = 'foyer.js'): Promise<Window> {
  const { url } = await testApi();
  const script = await fetch(`${url}/${bundle}`, { method: 'HEAD' });
  if (!script.ok) throw new Error(`the API does not serve ${bundle} (${script.status}): build the widgets first, npm run size`);
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="fr"><head><script type="module" src="${url}/${bundle}"></script></head>
    <body><foyer-provider api="${url}" collectivity="ville-de-demo" storage="memory">${body}</foyer-provider></body></html>`;
  document.body.append(frame);
  const page = frame.contentWindow!;
  await waitUntil(() => page.customElements?.get('foyer-provider'), 'foyer.js did not define the elements', { timeout: 10_000 });
  return page;
}

/**
 * The chunks the page fetched, by file name. Read through a PerformanceObserver: the tests pin
 * the pages' clock (Playwright's clock, see web-test-runner.config.mjs), which answers
 * `performance.getEntriesByType` with nothing.
 */
async function chunksLoaded(page: Window, folder = '/foyer.js.chunks/'): Promise<string[]> {
  const names = await new Promise<string[]>((resolve) => {
    const observer = new (page as Window & typeof globalThis).PerformanceObserver((list) => {
      observer.disconnect();
      resolve(list.getEntries().map((e) => e.name));
    });
    observer.observe({ type: 'resource', buffered: true });
  });
  return names.filter((name) => name.includes(folder)).map((name) => name.slice(name.lastIndexOf('/') + 1));
}

describe('foyer.js, as towns load it', () => {
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('loads the request form and the profile only when the page has them, from beside foyer.js', async () => {
    const page = await townPage('<foyer-login></foyer-login>');
    expect(page.customElements.get('foyer-login')).to.exist;
    expect(page.customElements.get('foyer-profile')).to.equal(undefined);
    expect(await chunksLoaded(page)).to.deep.equal([]);

    // A page that shows the profile later (a tab of the town's site, a single-page app).
    const profile = page.document.createElement('foyer-profile');
    page.document.querySelector('foyer-provider')!.append(profile);
    await waitUntil(() => page.customElements.get('foyer-profile'), 'the profile was not loaded', { timeout: 10_000 });
    await waitUntil(() => profile.shadowRoot?.textContent?.includes('Connectez-vous'), 'the profile does not render');
    const chunks = await chunksLoaded(page);
    expect(chunks.some((c) => c.startsWith('profile-'))).to.equal(true);
    // The profile opens request forms: that chunk comes with it.
    expect(chunks.some((c) => c.startsWith('request-form-'))).to.equal(true);
    expect(page.customElements.get('foyer-request-form')).to.exist;
  });

  it('loads the English texts when the provider asks for them', async () => {
    const page = await townPage('<foyer-login></foyer-login><foyer-request-form></foyer-request-form>');
    await waitUntil(() => page.customElements.get('foyer-request-form'), 'the request form was not loaded', { timeout: 10_000 });
    const form = page.document.querySelector('foyer-request-form')!;
    await waitUntil(() => form.shadowRoot?.textContent?.includes('Connectez-vous pour faire une demande'), 'no French text');
    page.document.querySelector('foyer-provider')!.setAttribute('locale', 'en');
    await waitUntil(() => form.shadowRoot?.textContent?.includes('Sign in to make requests'), 'no English text', {
      timeout: 10_000,
    });
    expect((await chunksLoaded(page)).some((c) => c.startsWith('en-'))).to.equal(true);
  });
});

describe('foyer-admin.js, as the back office and intranets load it', () => {
  afterEach(() => {
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('loads a section only when it is shown, from beside foyer-admin.js', async () => {
    const page = await townPage('<foyer-admin-app></foyer-admin-app>', 'foyer-admin.js');
    await waitUntil(() => page.customElements.get('foyer-admin-app'), 'the back office was not defined', { timeout: 10_000 });
    // Signed out: the sign-in form only, no section's code.
    expect(page.customElements.get('foyer-admin-catalog')).to.equal(undefined);
    expect(await chunksLoaded(page, '/foyer-admin.js.chunks/')).to.deep.equal([]);

    // An intranet page that places the kitchen's section on its own.
    page.document.querySelector('foyer-provider')!.append(page.document.createElement('foyer-admin-kitchen'));
    await waitUntil(() => page.customElements.get('foyer-admin-kitchen'), 'the kitchen was not loaded', { timeout: 10_000 });
    const chunks = await chunksLoaded(page, '/foyer-admin.js.chunks/');
    expect(chunks.some((c) => c.startsWith('kitchen-'))).to.equal(true);
    expect(chunks.some((c) => c.startsWith('catalog-'))).to.equal(false);
    expect(page.customElements.get('foyer-admin-catalog')).to.equal(undefined);
  });
});
