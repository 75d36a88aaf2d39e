/**
 * Calendar dates as the API gives them, `YYYY-MM-DD`, local to the collectivity. Arithmetic
 * runs on UTC midnights so that no time zone or daylight-saving change can shift a day.
 */
export type LocalDate = string;

function toUtc(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): LocalDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): number {
  return toUtc(date).getUTCDay() || 7;
}

/** The Monday of the week containing `date`. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** The ISO 8601 week number ("Semaine 48"). */
export function isoWeek(date: LocalDate): number {
  const thursday = toUtc(addDays(date, 4 - weekdayOf(date)));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
}

export function firstOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = toUtc(firstOfMonth(date));
  d.setUTCMonth(d.getUTCMonth() + months);
  return fromUtc(d);
}

export function lastOfMonth(date: LocalDate): LocalDate {
  return addDays(addMonths(date, 1), -1);
}

/** Today in a time zone, e.g. the collectivity's `Europe/Paris`. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isLocalDate(value: string | null | undefined): value is LocalDate {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value).getTime());
}

/** The dates from `from` to `to`, both included. */
export function eachDate(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}
