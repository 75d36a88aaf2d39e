import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CreditableInvoice, planCredit, remainingCents } from './invoice-credit.js';

const invoiceArb = fc
  .record({
    amounts: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 12 }),
    status: fc.constantFrom('issued' as const, 'paid' as const),
    debited: fc.boolean(),
  })
  .map(({ amounts, status, debited }) => {
    const lines = amounts.map((totalCents, i) => ({ id: `l${i}`, totalCents }));
    return {
      kind: 'invoice' as const,
      status,
      debitOn: debited ? '2027-02-05' : null,
      totalCents: amounts.reduce((s, x) => s + x, 0),
      lines,
      creditedLineIds: new Set<string>(),
      creditedCents: 0,
    } satisfies CreditableInvoice;
  });

/** Applies a plan as the API writes it: the lines marked credited, the sum added, the status moved. */
function apply(invoice: CreditableInvoice, lineIds?: string[]): CreditableInvoice {
  const plan = planCredit(invoice, lineIds);
  if (!plan.ok) return invoice;
  return {
    ...invoice,
    status: plan.status,
    creditedLineIds: new Set([...invoice.creditedLineIds, ...plan.lines.map((l) => l.id)]),
    creditedCents: invoice.creditedCents + plan.creditCents,
  };
}

describe('planCredit', () => {
  it('never credits more than the invoice, and leaves total − credits ≥ 0, over any sequence of credits', () => {
    fc.assert(
      fc.property(
        invoiceArb,
        fc.array(fc.array(fc.nat(14), { maxLength: 4 }), { maxLength: 6 }),
        fc.boolean(),
        (start, picks, endFull) => {
          let invoice: CreditableInvoice = start;
          for (const pick of [...picks.map((p) => p.map((i) => `l${i}`)), ...(endFull ? [undefined] : [])]) {
            const before = invoice;
            const plan = planCredit(before, pick);
            invoice = apply(before, pick);
            if (plan.ok) {
              expect(plan.creditCents).toBe(plan.lines.reduce((s, l) => s + l.totalCents, 0));
              expect(plan.remainingCents).toBe(invoice.totalCents - invoice.creditedCents);
            }
            expect(invoice.creditedCents).toBeLessThanOrEqual(invoice.totalCents);
            expect(remainingCents(invoice.totalCents, invoice.creditedCents)).toBeGreaterThanOrEqual(0);
            // Credited lines are exactly what the credits add up to: each line once.
            const sum = invoice.lines.filter((l) => invoice.creditedLineIds.has(l.id)).reduce((s, l) => s + l.totalCents, 0);
            expect(invoice.creditedCents).toBe(sum);
          }
        },
      ),
    );
  });

  it('refuses a line credited already, naming it, and changes nothing', () => {
    fc.assert(
      // Two lines at least: crediting the only line of an unpaid invoice cancels it.
      fc.property(
        invoiceArb.filter((i) => i.lines.length > 1),
        fc.nat(),
        (start, n) => {
          const id = `l${n % start.lines.length}`;
          const once = apply(start, [id]);
          expect(planCredit(once, [id])).toEqual({ ok: false, refusal: 'line_already_credited', lineIds: [id] });
        },
      ),
    );
  });

  it('cancels an unpaid, uncollected invoice once every line is credited, and keeps a paid one paid with a credit balance', () => {
    fc.assert(
      fc.property(
        invoiceArb.filter((i) => i.lines.length > 0),
        (start) => {
          const plan = planCredit(start);
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          expect(plan.fullyCredited).toBe(true);
          expect(plan.remainingCents).toBe(0);
          const collected = start.status === 'paid' || start.debitOn !== null;
          expect(plan.status).toBe(collected ? start.status : 'cancelled');
          expect(plan.creditBalance).toBe(collected);
          expect(planCredit(apply(start))).toMatchObject({ ok: false, refusal: collected ? 'fully_credited' : 'not_issued' });
        },
      ),
    );
  });

  it('credits the lines left by a full credit after a partial one, and a partial credit leaves the invoice to pay', () => {
    const invoice: CreditableInvoice = {
      kind: 'invoice',
      status: 'issued',
      totalCents: 1260,
      lines: [
        { id: 'a', totalCents: 420 },
        { id: 'b', totalCents: 420 },
        { id: 'c', totalCents: 420 },
      ],
      creditedLineIds: new Set(),
      creditedCents: 0,
    };
    expect(planCredit(invoice, ['b'])).toMatchObject({
      ok: true,
      creditCents: 420,
      remainingCents: 840,
      status: 'issued',
      creditBalance: false,
    });
    const rest = planCredit(apply(invoice, ['b']));
    expect(rest).toMatchObject({ ok: true, creditCents: 840, remainingCents: 0, fullyCredited: true, status: 'cancelled' });
    expect(rest.ok && rest.lines.map((l) => l.id)).toEqual(['a', 'c']);
  });

  it('refuses unknown or repeated lines, credit notes, and cancelled invoices', () => {
    const invoice: CreditableInvoice = {
      kind: 'invoice',
      status: 'issued',
      totalCents: 420,
      lines: [{ id: 'a', totalCents: 420 }],
      creditedLineIds: new Set(),
      creditedCents: 0,
    };
    expect(planCredit(invoice, ['z'])).toEqual({ ok: false, refusal: 'unknown_line', lineIds: ['z'] });
    expect(planCredit(invoice, ['a', 'a'])).toEqual({ ok: false, refusal: 'duplicate_line', lineIds: ['a'] });
    expect(planCredit({ ...invoice, kind: 'credit_note' })).toMatchObject({ refusal: 'not_an_invoice' });
    expect(planCredit({ ...invoice, status: 'cancelled' })).toMatchObject({ refusal: 'not_issued' });
    expect(planCredit({ ...invoice, lines: [{ id: 'a', totalCents: -420 }], totalCents: -420 }, ['a'])).toMatchObject({
      refusal: 'exceeds_invoice',
    });
  });
});
