import { FoyerCalendarFeed } from './calendar-feed.component.js';

export { FoyerCalendarFeed };

FoyerCalendarFeed.define('foyer-calendar-feed');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-calendar-feed': FoyerCalendarFeed;
  }
}
