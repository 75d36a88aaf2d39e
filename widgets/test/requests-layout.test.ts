import { expect, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { FoyerProfile } from '../src/profile/profile.component.js';
import type { FoyerProvider } from '../src/provider/provider.component.js';
import type { FoyerRequestForm } from '../src/request-form/request-form.component.js';
import { $, $$, mountProvider, signIn, storeOf } from './helpers.js';

/** True when nothing of the element sticks out sideways (a page scroll the parent would need). */
function fitsWidth(el: Element, width: number): boolean {
  const inner = [...(el.shadowRoot?.querySelectorAll('*') ?? [])].filter((e) => !e.closest('.visually-hidden, [hidden]'));
  return inner.every((e) => e.getBoundingClientRect().right <= width + 0.5);
}

/** The request form on a pick-up authorisation, and the profile on the children, signed in. */
async function requestsAndProfile(): Promise<{ provider: FoyerProvider; form: FoyerRequestForm; profile: FoyerProfile }> {
  const provider = await mountProvider(
    html`<foyer-request-form></foyer-request-form><foyer-profile tab="children"></foyer-profile>`,
  );
  await Promise.all([customElements.whenDefined('foyer-request-form'), customElements.whenDefined('foyer-profile')]);
  await signIn(provider);
  const form = provider.querySelector<FoyerRequestForm>('foyer-request-form')!;
  const profile = provider.querySelector<FoyerProfile>('foyer-profile')!;
  await waitUntil(() => form.categoriesState === 'ready', 'no categories', { timeout: 10_000 });
  await form.updateComplete;
  const pickup = form.categories.find((c) => c.effect === 'pickup')!;
  const select = $<HTMLSelectElement>(form, '#category');
  select.value = pickup.id;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await form.updateComplete;
  await waitUntil(() => profile.shadowRoot?.querySelector('[part="child"]'), 'no children in the profile', { timeout: 10_000 });
  return { provider, form, profile };
}

describe('the request form and the profile in any page', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    document.documentElement.style.fontSize = '';
    document.body.style.margin = '';
  });

  it('fit a 320 px wide screen, and 200 % text, without scrolling sideways', async () => {
    await setViewport({ width: 320, height: 640 });
    document.body.style.margin = '0';
    let { provider, form, profile } = await requestsAndProfile();
    expect(fitsWidth(form, 320), '<foyer-request-form> is wider than 320 px').to.equal(true);
    expect(fitsWidth(profile, 320), '<foyer-profile> is wider than 320 px').to.equal(true);
    await storeOf(provider).logout();
    provider.remove();

    await setViewport({ width: 640, height: 800 });
    document.documentElement.style.fontSize = '200%';
    ({ provider, form, profile } = await requestsAndProfile());
    expect(fitsWidth(form, 640), '<foyer-request-form> is wider than 640 px').to.equal(true);
    expect(fitsWidth(profile, 640), '<foyer-profile> is wider than 640 px').to.equal(true);
    await storeOf(provider).logout();
  });

  it('take a theme through custom properties and parts', async () => {
    const style = document.createElement('style');
    style.textContent = `
      foyer-provider { --foyer-color-primary: rgb(0, 0, 145); }
      foyer-profile::part(tab-selected) { border-radius: 0px; }
      foyer-request-form::part(submit) { border-radius: 0px; }`;
    document.head.append(style);
    try {
      const { provider, form, profile } = await requestsAndProfile();
      const submit = $<HTMLButtonElement>(form, 'button[part="submit"]');
      expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(0, 0, 145)');
      expect(getComputedStyle(submit).borderRadius).to.equal('0px');
      const selected = $$<HTMLButtonElement>(profile, '[role="tab"]').find((t) => t.getAttribute('aria-selected') === 'true')!;
      expect(getComputedStyle(selected).borderRadius).to.equal('0px');
      await storeOf(provider).logout();
    } finally {
      style.remove();
    }
  });

  it('pass the accessibility checks in the DSFR theme', async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/widgets/themes/dsfr.css';
    const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
    document.head.append(link);
    await loaded;
    try {
      const { provider, form, profile } = await requestsAndProfile();
      await expect(form).to.be.accessible();
      await expect(profile).to.be.accessible();
      await storeOf(provider).logout();
    } finally {
      link.remove();
    }
  });
});
