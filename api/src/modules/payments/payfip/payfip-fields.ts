/**
 * The formats PayFiP's `creerPaiementSecurise` documents for its fields, applied before anything
 * is sent (a field it refuses answers a fault, and the payer would see an error page):
 * `numcli` 6 digits; `exer` the year; `refdet` 6 to 30 letters and digits; `objet` at most 100
 * characters of `[A-Za-z0-9 ]`; `montant` in cents, from 1 € to 100,000 €; `mel` 6 to 80
 * characters with an `@`; `saisie` T (test), X (activation) or W (production); `urlnotif` and
 * `urlredirect` at most 250 characters.
 */

export const MIN_CENTS = 100;
export const MAX_CENTS = 10_000_000;
export const MAX_URL = 250;

/** A payment's PayFiP reference (`refdet`): its UUID written in base 36, 25 letters and digits. */
export function refdetOf(paymentId: string): string {
  return BigInt(`0x${paymentId.replaceAll('-', '')}`)
    .toString(36)
    .toUpperCase()
    .padStart(25, '0');
}

/** A label reduced to what `objet` accepts: accents dropped, other signs as spaces, 100 characters. */
export function objetOf(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
}

/** Whether PayFiP takes this address as `mel`. */
export function acceptableMel(mel: string): boolean {
  return mel.length >= 6 && mel.length <= 80 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mel);
}

/** Whether PayFiP takes this amount (cents) online. */
export function acceptableAmount(cents: number): boolean {
  return Number.isInteger(cents) && cents >= MIN_CENTS && cents <= MAX_CENTS;
}

/** The year (`exer`) of an instant in the collectivity's time zone. */
export function exerOf(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at);
}

/** PayFiP's `resultrans`, read: P and V paid (card, direct debit), R and Z refused, A abandoned. */
export function outcomeOf(resultrans: string): 'paid' | 'refused' | 'abandoned' | null {
  if (resultrans === 'P' || resultrans === 'V') return 'paid';
  if (resultrans === 'R' || resultrans === 'Z') return 'refused';
  if (resultrans === 'A') return 'abandoned';
  return null;
}
