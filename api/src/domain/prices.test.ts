import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Pricing, priceFor, pricingProblems } from './prices.js';

const canteenPricing = (overrides: Partial<Pricing> = {}): Pricing => ({
  currency: 'EUR',
  tiers: [
    { maxQuotient: 500, amountCents: 150 },
    { maxQuotient: 900, amountCents: 250 },
    { maxQuotient: 1400, amountCents: 350 },
    { maxQuotient: null, amountCents: 450 },
  ],
  nonResidentAmountCents: 600,
  ...overrides,
});
const resident = (familyQuotient: number | null) => ({ familyQuotient, resident: true });

describe('priceFor', () => {
  it('charges the tier whose bracket holds the quotient', () => {
    expect(priceFor(canteenPricing(), resident(0))).toBe(150);
    expect(priceFor(canteenPricing(), resident(720))).toBe(250);
    expect(priceFor(canteenPricing(), resident(1200))).toBe(350);
    expect(priceFor(canteenPricing(), resident(25_000))).toBe(450);
  });

  it("puts a quotient exactly at a tier's maximum in that tier", () => {
    expect(priceFor(canteenPricing(), resident(500))).toBe(150);
    expect(priceFor(canteenPricing(), resident(500.01))).toBe(250);
    expect(priceFor(canteenPricing(), resident(1400))).toBe(350);
  });

  it('charges the highest tier when the quotient is unknown', () => {
    expect(priceFor(canteenPricing(), resident(null))).toBe(450);
  });

  it('charges non-residents their own rate whatever their quotient', () => {
    expect(priceFor(canteenPricing(), { familyQuotient: 300, resident: false })).toBe(600);
    expect(priceFor(canteenPricing(), { familyQuotient: null, resident: false })).toBe(600);
  });

  it('charges non-residents like residents when the town has no non-resident rate', () => {
    const pricing = canteenPricing({ nonResidentAmountCents: undefined });
    expect(priceFor(pricing, { familyQuotient: 300, resident: false })).toBe(150);
  });

  it('charges a flat price with a single open-ended tier', () => {
    expect(priceFor({ currency: 'EUR', tiers: [{ maxQuotient: null, amountCents: 320 }] }, resident(800))).toBe(320);
  });

  it('refuses a price list without an open-ended tier and a quotient that is not a number', () => {
    const noOpenEnd: Pricing = { currency: 'EUR', tiers: [{ maxQuotient: 600, amountCents: 120 }] };
    expect(() => priceFor(noOpenEnd, resident(300))).toThrow(RangeError);
    expect(() => priceFor(canteenPricing(), resident(Number.NaN))).toThrow(RangeError);
  });
});

describe('pricingProblems', () => {
  it('accepts a sound price list', () => {
    expect(pricingProblems(canteenPricing())).toEqual([]);
  });

  it('asks for at least one tier', () => {
    expect(pricingProblems(canteenPricing({ tiers: [] }))).toEqual(['at least one tier is required']);
  });

  it('asks for an open-ended last tier', () => {
    expect(pricingProblems({ currency: 'EUR', tiers: [{ maxQuotient: 600, amountCents: 120 }] })).toEqual([
      'the last tier must have no upper bound (maxQuotient: null) so that every quotient has a price',
    ]);
  });

  it('refuses unsorted or repeated bounds and an open end before the last tier', () => {
    const problems = pricingProblems(
      canteenPricing({
        tiers: [
          { maxQuotient: 900, amountCents: 250 },
          { maxQuotient: 500, amountCents: 150 },
          { maxQuotient: 500, amountCents: 150 },
          { maxQuotient: null, amountCents: 350 },
          { maxQuotient: null, amountCents: 450 },
        ],
      }),
    );
    expect(problems).toEqual([
      'tier 2: tiers must be sorted by increasing maximum quotient (500 comes after 900)',
      'tier 3: tiers must be sorted by increasing maximum quotient (500 comes after 500)',
      'tier 4: only the last tier may have no upper bound (maxQuotient: null)',
    ]);
  });

  it('refuses negative or fractional amounts and bad bounds', () => {
    const problems = pricingProblems({
      currency: 'USD' as 'EUR',
      tiers: [
        { maxQuotient: -1, amountCents: 100 },
        { maxQuotient: 800, amountCents: -5 },
        { maxQuotient: null, amountCents: 2.5 },
      ],
      nonResidentAmountCents: -100,
    });
    expect(problems).toEqual([
      'currency must be EUR, not "USD"',
      'tier 1: the maximum quotient must be a non-negative number, not -1',
      'tier 2: the amount must be a whole, non-negative number of cents, not -5',
      'tier 3: the amount must be a whole, non-negative number of cents, not 2.5',
      'the non-resident amount must be a whole, non-negative number of cents, not -100',
    ]);
  });
});

describe('prices, for any sound price list', () => {
  /** Sorted distinct bounds, one amount per tier plus the open-ended one. */
  const pricing = (amounts: fc.Arbitrary<number[]> | null = null): fc.Arbitrary<Pricing> =>
    fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 6 }).chain((bounds) => {
      const sorted = [...bounds].sort((a, b) => a - b);
      const tierAmounts =
        amounts ?? fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: sorted.length + 1, maxLength: sorted.length + 1 });
      return fc
        .record({
          amounts: tierAmounts.map((list) => list.slice(0, sorted.length + 1)),
          nonResident: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
        })
        .map(({ amounts: list, nonResident }) => ({
          currency: 'EUR' as const,
          tiers: [...sorted, null].map((maxQuotient, index) => ({ maxQuotient, amountCents: list[index] ?? 0 })),
          ...(nonResident === undefined ? {} : { nonResidentAmountCents: nonResident }),
        }));
    });
  const increasingAmounts = fc
    .array(fc.integer({ min: 0, max: 2000 }), { minLength: 7, maxLength: 7 })
    .map((steps) => steps.map((_, index) => steps.slice(0, index + 1).reduce((sum, step) => sum + step, 0)));
  const quotient = fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: null });

  it('is valid by pricingProblems', () => {
    fc.assert(fc.property(pricing(), (p) => pricingProblems(p).length === 0));
  });

  it('always charges one of the configured amounts', () => {
    fc.assert(
      fc.property(pricing(), quotient, fc.boolean(), (p, familyQuotient, isResident) => {
        const configured = [...p.tiers.map((tier) => tier.amountCents), p.nonResidentAmountCents];
        expect(configured).toContain(priceFor(p, { familyQuotient, resident: isResident }));
      }),
    );
  });

  it('never charges a higher quotient less when the tiers go up, and charges an unknown quotient the most', () => {
    fc.assert(
      fc.property(pricing(increasingAmounts), quotient, quotient, (p, a, b) => {
        const price = (q: number | null) => priceFor(p, resident(q));
        if (a !== null && b !== null) {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(price(low)).toBeLessThanOrEqual(price(high));
        }
        if (a !== null) expect(price(a)).toBeLessThanOrEqual(price(null));
      }),
    );
  });

  it('is refused once two tiers are swapped', () => {
    fc.assert(
      fc.property(pricing(), fc.nat(), (p, seed) => {
        const bounded = p.tiers.length - 1;
        fc.pre(bounded >= 2);
        const index = seed % (bounded - 1);
        const tiers = [...p.tiers];
        const [first, second] = [tiers[index], tiers[index + 1]];
        if (first === undefined || second === undefined) return;
        tiers[index] = second;
        tiers[index + 1] = first;
        expect(pricingProblems({ ...p, tiers }).length).toBeGreaterThan(0);
      }),
    );
  });
});
