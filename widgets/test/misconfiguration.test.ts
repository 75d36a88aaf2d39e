import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FoyerProvider } from '../src/provider/provider.component.js';
import { testApi } from './helpers.js';

/** Mounts a family space as a town's page would, and what it said in the console. */
async function mount(api: string, collectivity: string): Promise<{ provider: FoyerProvider; console: string[] }> {
  const logged: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => {
    logged.push(args.map(String).join(' '));
  };
  try {
    const provider = await fixture<FoyerProvider>(html`<div class="town-page" style="max-width: 40rem; padding: 1rem">
      <foyer-provider api=${api} collectivity=${collectivity} storage="memory"><foyer-login></foyer-login></foyer-provider>
    </div>`).then((page) => page.querySelector('foyer-provider') as FoyerProvider);
    await waitUntil(() => provider.problem !== undefined, 'no message shown', { timeout: 10_000 });
    return { provider, console: logged };
  } finally {
    console.error = original;
  }
}

function shown(provider: FoyerProvider): { kind: string | undefined; text: string; role: string | null } {
  const message = provider.shadowRoot?.querySelector('[part="problem"]');
  return {
    kind: message?.getAttribute('data-problem') ?? undefined,
    text: message?.textContent ?? '',
    role: message?.getAttribute('role') ?? null,
  };
}

const screenshot = (file: string) => executeServerCommand('foyer-screenshot', { selector: '.town-page', file });

describe('a misconfigured page', () => {
  it('tells the parent the service does not answer, and the webmaster to check the api address', async () => {
    const { provider, console } = await mount('http://127.0.0.1:9', 'ville-de-demo');
    expect(shown(provider)).to.deep.equal({
      kind: 'unreachable',
      text: 'Le service de réservation ne répond pas. Réessayez dans quelques minutes ; si cela dure, prévenez votre mairie.',
      role: 'alert',
    });
    expect(console.join('\n')).to.contain('no answer from the API at http://127.0.0.1:9').and.contain('"api" attribute');
    await expect(provider.shadowRoot?.querySelector('[part="problem"]')).to.be.accessible();
    await screenshot('misconfiguration-unreachable.png');
  });

  it('names an unknown collectivity, and tells the webmaster how to find the slug', async () => {
    const { url } = await testApi();
    const { provider, console } = await mount(url, 'ville-inconnue');
    expect(shown(provider).kind).to.equal('unknown_collectivity');
    expect(shown(provider).text).to.equal(
      "L'espace famille de cette commune n'est pas encore configuré. Contactez votre mairie.",
    );
    expect(console.join('\n')).to.contain('has no collectivity "ville-inconnue"').and.contain('foyer collectivity list');
    await screenshot('misconfiguration-unknown-collectivity.png');
  });

  it('shows a message instead of nothing on a site the town has not registered, and the command that registers it', async () => {
    const { url } = await testApi();
    await executeServerCommand('foyer-embedding-origins', { collectivity: 'saint-exemple', origins: [] });
    try {
      const { provider, console } = await mount(url, 'saint-exemple');
      expect(shown(provider).kind).to.equal('unregistered_origin');
      expect(shown(provider).text).to.contain("L'espace famille n'est pas encore ouvert sur ce site. Contactez votre mairie");
      expect(console.join('\n')).to.contain(`foyer origin add saint-exemple ${location.origin}`);
      expect(provider.querySelector('foyer-login')?.checkVisibility()).to.equal(false);
      await screenshot('misconfiguration-unregistered-origin.png');
    } finally {
      await executeServerCommand('foyer-embedding-origins', { collectivity: 'saint-exemple', origins: [location.origin] });
    }
  });

  it('asks for a reload when foyer.js is older than the API serves, and tells the webmaster where to load it from', async () => {
    const { url } = await testApi();
    await executeServerCommand('foyer-oldest-client', { revision: 99 });
    try {
      const { provider, console } = await mount(url, 'ville-de-demo');
      expect(shown(provider).kind).to.equal('outdated_client');
      expect(shown(provider).text).to.contain("Cette page utilise une version trop ancienne de l'espace famille.");
      expect(console.join('\n')).to.contain(`src="${url}/foyer.js"`);
      await screenshot('misconfiguration-outdated-foyer-js.png');
    } finally {
      await executeServerCommand('foyer-oldest-client', { revision: 1 });
    }
  });

  it('shows the elements when all is well', async () => {
    const { url } = await testApi();
    const page = await fixture<HTMLElement>(html`<div>
      <foyer-provider api=${url} collectivity="ville-de-demo" storage="memory"><foyer-login></foyer-login></foyer-provider>
    </div>`);
    const provider = page.querySelector('foyer-provider') as FoyerProvider;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(provider.problem).to.equal(undefined);
    expect(provider.shadowRoot?.querySelector('slot')).to.not.equal(null);
  });
});
