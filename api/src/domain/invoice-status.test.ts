import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyInvoiceStatus, isPayableOnline, type StoredInvoice } from './invoice-status.js';

const stored = fc.record({
  kind: fc.constantFrom('invoice' as const, 'credit_note' as const),
  status: fc.constantFrom('draft' as const, 'issued' as const, 'paid' as const, 'cancelled' as const),
  totalCents: fc.integer({ min: -100_000, max: 100_000 }),
  debitOn: fc.option(fc.constant('2027-02-05'), { nil: null }),
});

describe('the status a family reads', () => {
  it('reads an issued invoice as to pay, a paid one as paid, a cancelled one as cancelled', () => {
    const invoice: StoredInvoice = { kind: 'invoice', status: 'issued', totalCents: 4200 };
    expect(familyInvoiceStatus(invoice)).toBe('to_pay');
    expect(familyInvoiceStatus({ ...invoice, status: 'paid' })).toBe('paid');
    expect(familyInvoiceStatus({ ...invoice, status: 'cancelled' })).toBe('cancelled');
    expect(familyInvoiceStatus({ ...invoice, debitOn: '2027-02-05' })).toBe('debited');
    expect(familyInvoiceStatus({ kind: 'credit_note', status: 'issued', totalCents: -420 })).toBe('issued');
  });

  it('never shows a draft', () => {
    fc.assert(fc.property(stored, (invoice) => (familyInvoiceStatus(invoice) === null) === (invoice.status === 'draft')));
  });

  it('offers online payment only of an invoice to pay, for a positive amount', () => {
    fc.assert(
      fc.property(stored, (invoice) => {
        const payable = isPayableOnline(invoice);
        const expected = invoice.kind === 'invoice' && invoice.status === 'issued' && !invoice.debitOn && invoice.totalCents > 0;
        expect(payable).toBe(expected);
      }),
    );
  });
});
