import { isoWeek, type LocalDate } from './dates.js';
import { intlLocale } from './locale.js';

// Local dates are formatted as UTC midnights (see dates.ts), so the reader's zone never moves a day.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intlLocale()}|d|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

const utc = (date: LocalDate) => new Date(`${date}T00:00:00Z`);

/** "lundi 30 novembre 2026" */
export function longDate(date: LocalDate): string {
  return dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(utc(date));
}

/** "1 sept. 2026" */
export function mediumDate(date: LocalDate): string {
  return dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }).format(utc(date));
}

/** "lundi 30 novembre" */
export function dayAndMonth(date: LocalDate): string {
  return dateFormat({ weekday: 'long', day: 'numeric', month: 'long' }).format(utc(date));
}

/** "30/11" */
export function shortDate(date: LocalDate): string {
  return dateFormat({ day: '2-digit', month: '2-digit' }).format(utc(date));
}

/** "30" */
export function dayNumber(date: LocalDate): string {
  return dateFormat({ day: '2-digit' }).format(utc(date));
}

/** "novembre 2026" */
export function monthAndYear(date: LocalDate): string {
  return dateFormat({ month: 'long', year: 'numeric' }).format(utc(date));
}

/** "lundi" for 1 … "dimanche" for 7. */
export function weekdayName(weekday: number, width: 'long' | 'narrow' = 'long'): string {
  // 2024-01-01 was a Monday.
  return dateFormat({ weekday: width }).format(utc(`2024-01-0${weekday}`));
}

/** "30 nov. 2026 à 10:00", for deadlines given as instants, in the collectivity's zone. */
export function instant(value: string, timeZone = 'Europe/Paris'): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
}

/** "12,50 €" */
export function price(cents: number): string {
  const key = `${intlLocale()}|eur`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'EUR' });
    cache.set(key, format);
  }
  return format.format(cents / 100);
}

export { isoWeek };
