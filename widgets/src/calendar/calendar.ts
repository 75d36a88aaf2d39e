import { FoyerCalendar } from './calendar.component.js';

export type { CalendarView } from './toolbar.js';
export { FoyerCalendar };

FoyerCalendar.define('foyer-calendar');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-calendar': FoyerCalendar;
  }
}
