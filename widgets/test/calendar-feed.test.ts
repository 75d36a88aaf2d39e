import { expect, html, waitUntil } from '@open-wc/testing';
import type { FoyerCalendar } from '../src/calendar/calendar.component.js';
import type { FoyerCalendarFeed } from '../src/calendar-feed/calendar-feed.component.js';
import { setLocale } from '../src/shared/locale.js';
import { $, mountProvider, signIn, text, waitForText } from './helpers.js';

/** The feed button inside the calendar's shadow root, once its chunk has defined it. */
async function feedOf(calendar: FoyerCalendar): Promise<FoyerCalendarFeed> {
  await waitUntil(
    () =>
      customElements.get('foyer-calendar-feed') &&
      calendar.shadowRoot?.querySelector('foyer-calendar-feed')?.shadowRoot?.querySelector('button'),
    'no "Ajouter à mon agenda"',
    { timeout: 15_000 },
  );
  return calendar.shadowRoot!.querySelector<FoyerCalendarFeed>('foyer-calendar-feed')!;
}

describe('<foyer-calendar-feed> in the calendar', () => {
  it('gives a webcal link and a copyable address whose feed answers iCalendar, and turns it off', async () => {
    const provider = await mountProvider(html`<foyer-calendar weeks="1"></foyer-calendar>`);
    await signIn(provider);
    const calendar = provider.querySelector<FoyerCalendar>('foyer-calendar')!;
    const feed = await feedOf(calendar);

    const toggle = $<HTMLButtonElement>(feed, 'button[part="toggle"]');
    expect(toggle.textContent?.trim()).to.equal('Ajouter à mon agenda');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitForText(feed, /Créer (mon lien d'agenda|un nouveau lien)/);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    $<HTMLButtonElement>(feed, 'button.primary').click();
    await waitForText(feed, "S'abonner dans mon agenda");

    const subscribe = $<HTMLAnchorElement>(feed, 'a.subscribe');
    expect(subscribe.href).to.match(/^webcal:\/\/.+\/ical\/[A-Za-z0-9_-]+\.ics$/);
    const address = $<HTMLInputElement>(feed, 'input#feed-url');
    expect(address.value).to.equal(subscribe.href.replace(/^webcal:/, 'http:'));
    const ics = await fetch(address.value);
    expect(ics.status).to.equal(200);
    expect(ics.headers.get('content-type')).to.equal('text/calendar; charset=utf-8');
    expect(await ics.text()).to.match(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\r\n$/);
    await expect(feed).to.be.accessible();

    $<HTMLButtonElement>(feed, 'button.revoke').click();
    await waitForText(feed, "Lien d'agenda désactivé");
    // `no-store`: the browser may keep the copy it fetched above (`private, max-age`); the server must say 404.
    expect((await fetch(address.value, { cache: 'no-store' })).status).to.equal(404);
  });

  it('speaks English', async () => {
    try {
      const provider = await mountProvider(html`<foyer-calendar weeks="1"></foyer-calendar>`, { locale: 'en' });
      await signIn(provider);
      const feed = await feedOf(provider.querySelector<FoyerCalendar>('foyer-calendar')!);
      await waitForText(feed, 'Add to my calendar');
      $<HTMLButtonElement>(feed, 'button[part="toggle"]').click();
      await waitForText(feed, /Create (my calendar link|a new link)/);
      expect(text(feed)).to.not.contain('agenda');
    } finally {
      await setLocale('fr');
    }
  });
});
