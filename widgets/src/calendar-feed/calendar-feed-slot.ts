import { html, type TemplateResult } from 'lit';

let requested = false;

/**
 * `<foyer-calendar-feed>` for the family calendar: its module is a chunk of its own, imported
 * the first time a calendar shows, so that foyer.js does not grow for a button few click.
 */
export function calendarFeedSlot(): TemplateResult {
  if (!requested) {
    requested = true;
    import('./calendar-feed.js').catch((error: unknown) => {
      requested = false;
      console.error('Foyer could not load <foyer-calendar-feed>', error);
    });
  }
  return html`<foyer-calendar-feed></foyer-calendar-feed>`;
}
