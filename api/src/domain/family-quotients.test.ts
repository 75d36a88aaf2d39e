import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotientOn } from './family-quotients.js';
import { priceFor } from './prices.js';

const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
const entry = fc.record({ quotient: fc.integer({ min: 0, max: 5000 }), appliesFrom: day });

describe('quotientOn', () => {
  it('takes the latest quotient applying on the day, and none before the first', () => {
    const history = [
      { quotient: 500, appliesFrom: '2026-09-01' },
      { quotient: 800, appliesFrom: '2026-01-01' },
    ];
    expect(quotientOn(history, '2025-12-31')).toBeNull();
    expect(quotientOn(history, '2026-01-01')).toBe(800);
    expect(quotientOn(history, '2026-08-31')).toBe(800);
    expect(quotientOn(history, '2026-09-01')).toBe(500);
  });

  it('does not depend on the order the quotients were recorded in', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.appliesFrom, maxLength: 8 }), day, (history, date) => {
        expect(quotientOn([...history].reverse(), date)).toBe(quotientOn(history, date));
      }),
    );
  });

  it('gives every day on and after a quotient’s date that quotient until the next one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.appliesFrom, minLength: 1, maxLength: 8 }), (history) => {
        const sorted = [...history].sort((a, b) => a.appliesFrom.localeCompare(b.appliesFrom));
        for (const e of sorted) expect(quotientOn(history, e.appliesFrom)).toBe(e.quotient);
      }),
    );
  });

  it('makes the price follow the quotient of the day', () => {
    const pricing = {
      currency: 'EUR' as const,
      tiers: [
        { maxQuotient: 600, amountCents: 150 },
        { maxQuotient: null, amountCents: 420 },
      ],
    };
    const history = [
      { quotient: 900, appliesFrom: '2026-01-01' },
      { quotient: 450, appliesFrom: '2026-09-01' },
    ];
    const price = (date: string) => priceFor(pricing, { familyQuotient: quotientOn(history, date), resident: true });
    expect([price('2025-06-01'), price('2026-08-31'), price('2026-09-01')]).toEqual([420, 420, 150]);
  });
});
