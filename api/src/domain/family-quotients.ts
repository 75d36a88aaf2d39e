/**
 * A household's family quotients over time: each recorded with the date it applies from
 * (the CAF's attestation is dated; a new one may be entered late or ahead). The price of a
 * day follows the quotient in force on that day.
 */

/** A quotient and the local date (`YYYY-MM-DD`) from which it applies. */
export interface QuotientEntry {
  quotient: number;
  appliesFrom: string;
}

/**
 * The quotient in force on `date`: the entry with the latest `appliesFrom` at or before it;
 * `null` when none applies yet (the household then pays the full rate, see `priceFor`).
 *
 * @example quotientOn([{ quotient: 800, appliesFrom: '2026-01-01' }, { quotient: 500, appliesFrom: '2026-09-01' }], '2026-08-31') // 800
 */
export function quotientOn(history: readonly QuotientEntry[], date: string): number | null {
  let inForce: QuotientEntry | undefined;
  for (const entry of history) {
    if (entry.appliesFrom <= date && (!inForce || entry.appliesFrom > inForce.appliesFrom)) inForce = entry;
  }
  return inForce?.quotient ?? null;
}
