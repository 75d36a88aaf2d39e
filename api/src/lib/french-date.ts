/**
 * A calendar date as French readers write it in a sentence: "lundi 7 décembre 2026" (without the
 * year: "lundi 7 décembre"). The date is read at noon UTC, so no zone moves it to another day.
 */
export function frenchDate(date: string, options: { year?: boolean } = {}): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(options.year === false ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
}
