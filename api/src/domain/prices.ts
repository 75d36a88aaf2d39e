import { type QuotientEntry, quotientOn } from './family-quotients.js';

/**
 * Prices of an activity's day, by family quotient (quotient familial, QF) tiers, with an
 * optional flat rate for households living outside the collectivity. Amounts are integer
 * euro cents so that sums and invoices never meet floating-point rounding.
 */

/** An activity's price list; a configuration the API validates with `pricingProblems` before storing. */
export interface Pricing {
  currency: 'EUR';
  /** Ascending by `maxQuotient`; the last one has `maxQuotient: null`, no upper bound. */
  tiers: { maxQuotient: number | null; amountCents: number }[];
  /** Applies to any non-resident household, whatever its quotient; without it they pay like residents. */
  nonResidentAmountCents?: number;
}

/** What the price depends on about the household. */
export interface PricedHousehold {
  /** The household's family quotient, or null when it has not been provided. */
  familyQuotient: number | null;
  /** True when the household lives in the collectivity. */
  resident: boolean;
  /**
   * The quotients recorded with the date each applies from: a day is priced with the one in
   * force on it (`priceOn`); `familyQuotient` when none applies yet (or no history is known).
   */
  quotients?: readonly QuotientEntry[];
}

/**
 * The price of one day: `priceFor` with the quotient in force on `date`, so that a quotient
 * recorded ahead (a new CAF attestation from the 1st of next month) changes the price of the
 * days from that date only.
 *
 * @example priceOn(pricing, { familyQuotient: 500, resident: true, quotients: [{ quotient: 1500, appliesFrom: '2027-01-01' }] }, '2027-01-04')
 * // the price of quotient 1500
 */
export function priceOn(pricing: Pricing, household: PricedHousehold, date: string): number {
  const dated = household.quotients ? quotientOn(household.quotients, date) : null;
  return priceFor(pricing, { familyQuotient: dated ?? household.familyQuotient, resident: household.resident });
}

/**
 * What is wrong with a price list, in words an agent can act on; empty when it is usable.
 *
 * @example pricingProblems({ currency: 'EUR', tiers: [{ maxQuotient: 600, amountCents: 120 }] })
 * // ['the last tier must have no upper bound (maxQuotient: null) so that every quotient has a price']
 */
export function pricingProblems(pricing: Pricing): string[] {
  const problems: string[] = [];
  if (pricing.currency !== 'EUR') problems.push(`currency must be EUR, not ${JSON.stringify(pricing.currency)}`);
  const { tiers } = pricing;
  if (tiers.length === 0) {
    problems.push('at least one tier is required');
    return problems;
  }
  let previous: number | null = null;
  for (const [index, tier] of tiers.entries()) {
    const label = `tier ${index + 1}`;
    if (!Number.isInteger(tier.amountCents) || tier.amountCents < 0) {
      problems.push(`${label}: the amount must be a whole, non-negative number of cents, not ${tier.amountCents}`);
    }
    const isLast = index === tiers.length - 1;
    if (tier.maxQuotient === null) {
      if (!isLast) problems.push(`${label}: only the last tier may have no upper bound (maxQuotient: null)`);
      continue;
    }
    if (!Number.isFinite(tier.maxQuotient) || tier.maxQuotient < 0) {
      problems.push(`${label}: the maximum quotient must be a non-negative number, not ${tier.maxQuotient}`);
      continue;
    }
    if (previous !== null && tier.maxQuotient <= previous) {
      problems.push(
        `${label}: tiers must be sorted by increasing maximum quotient (${tier.maxQuotient} comes after ${previous})`,
      );
    }
    previous = tier.maxQuotient;
  }
  if (tiers[tiers.length - 1]?.maxQuotient !== null) {
    problems.push('the last tier must have no upper bound (maxQuotient: null) so that every quotient has a price');
  }
  const nonResident = pricing.nonResidentAmountCents;
  if (nonResident !== undefined && (!Number.isInteger(nonResident) || nonResident < 0)) {
    problems.push(`the non-resident amount must be a whole, non-negative number of cents, not ${nonResident}`);
  }
  return problems;
}

/**
 * The price in cents of one day for `household`:
 * - a non-resident household pays `nonResidentAmountCents` when the collectivity set one;
 * - otherwise the first tier whose `maxQuotient` is at or above the quotient (a quotient exactly
 *   at a tier's maximum belongs to that tier);
 * - an unknown quotient pays the last, open-ended tier, as if it were above every bound: the
 *   usual rule of French towns, which apply the full rate until the household proves its quotient.
 *
 * Expects a price list without `pricingProblems` (checked when it is configured, not per call);
 * throws a `RangeError` when it has no open-ended last tier or the quotient is not a number.
 */
export function priceFor(pricing: Pricing, household: PricedHousehold): number {
  if (!household.resident && pricing.nonResidentAmountCents !== undefined) return pricing.nonResidentAmountCents;
  const { tiers } = pricing;
  const openEnded = tiers[tiers.length - 1];
  if (openEnded === undefined || openEnded.maxQuotient !== null) {
    throw new RangeError(`Invalid pricing: ${pricingProblems(pricing).join('; ')}`);
  }
  const quotient = household.familyQuotient;
  if (quotient === null) return openEnded.amountCents;
  if (!Number.isFinite(quotient)) throw new RangeError(`A family quotient must be a number, not ${quotient}`);
  for (const tier of tiers) {
    if (tier.maxQuotient === null || quotient <= tier.maxQuotient) return tier.amountCents;
  }
  return openEnded.amountCents;
}
