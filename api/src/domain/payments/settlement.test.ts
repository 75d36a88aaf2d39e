import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideSettlement, type PaymentState, type ProviderNotice } from './settlement.js';

const NOW = new Date('2026-11-27T07:00:00Z');

const state = fc.record<PaymentState>({
  status: fc.constantFrom('pending', 'paid', 'refused', 'expired', 'refunded', 'held', 'abandoned'),
  amountCents: fc.integer({ min: 100, max: 100_000 }),
  expiresAt: fc.integer({ min: -3_600_000, max: 3_600_000 }).map((ms) => new Date(NOW.getTime() + ms)),
});
const notice = fc.record<ProviderNotice>(
  {
    outcome: fc.constantFrom('paid', 'refused', 'abandoned'),
    amountCents: fc.integer({ min: 1, max: 100_000 }),
  },
  { requiredKeys: ['outcome'] },
);

describe('decideSettlement', () => {
  it('applies a notice once: the same notice again, on the state it produced, changes nothing', () => {
    fc.assert(
      fc.property(state, notice, fc.boolean(), (payment, n, refunds) => {
        const first = decideSettlement(payment, n, NOW, refunds);
        if (!first) return;
        expect(decideSettlement({ ...payment, status: first.status }, n, NOW, refunds)).toBeNull();
      }),
    );
  });

  it('books and settles only a pending payment, in time, confirmed for exactly the amount asked', () => {
    fc.assert(
      fc.property(state, notice, fc.boolean(), (payment, n, refunds) => {
        const decision = decideSettlement(payment, n, NOW, refunds);
        if (decision?.status !== 'paid') return;
        expect(decision.holds).toBe('book');
        expect(payment.status).toBe('pending');
        expect(payment.expiresAt > NOW).toBe(true);
        expect(n.outcome).toBe('paid');
        expect(n.amountCents ?? payment.amountCents).toBe(payment.amountCents);
      }),
    );
  });

  it('holds a pending payment confirmed for another amount, with that amount, and books nothing', () => {
    fc.assert(
      fc.property(state, fc.integer({ min: 1, max: 100_000 }), fc.boolean(), (payment, cents, refunds) => {
        fc.pre(payment.status === 'pending' && cents !== payment.amountCents);
        const decision = decideSettlement(payment, { outcome: 'paid', amountCents: cents }, NOW, refunds);
        expect(decision).toMatchObject({ status: 'held', confirmedCents: cents, refund: false });
        expect(decision?.holds).not.toBe('book');
      }),
    );
  });

  it('never records money for a refusal or an abandonment, and closes only pending payments', () => {
    fc.assert(
      fc.property(state, fc.constantFrom<'refused' | 'abandoned'>('refused', 'abandoned'), (payment, outcome) => {
        const decision = decideSettlement(payment, { outcome }, NOW, true);
        if (payment.status !== 'pending') expect(decision).toBeNull();
        else expect(decision).toMatchObject({ status: outcome, moneyArrived: false, holds: 'release_refused' });
      }),
    );
  });

  it('holds money confirmed for a payment already refused or abandoned, for an agent', () => {
    fc.assert(
      fc.property(
        state,
        fc.constantFrom<'refused' | 'abandoned'>('refused', 'abandoned'),
        fc.boolean(),
        (payment, status, refunds) => {
          const decision = decideSettlement({ ...payment, status }, { outcome: 'paid' }, NOW, refunds);
          expect(decision).toMatchObject({ status: 'held', heldReason: 'paid_when_closed', holds: 'keep', moneyArrived: true });
        },
      ),
    );
  });

  it('leaves a late payment to an agent when the provider cannot refund it (PayFiP)', () => {
    const late = { status: 'pending' as const, amountCents: 1200, expiresAt: new Date(NOW.getTime() - 1) };
    expect(decideSettlement(late, { outcome: 'paid', amountCents: 1200 }, NOW, false)).toMatchObject({
      status: 'held',
      heldReason: 'paid_late',
      holds: 'release_expired',
    });
    expect(decideSettlement(late, { outcome: 'paid' }, NOW, true)).toMatchObject({ status: 'refunded', refund: true });
  });
});
