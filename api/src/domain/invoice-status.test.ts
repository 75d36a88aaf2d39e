import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { familyInvoiceStatus, isOverdue, isPayableOnline, type StoredInvoice } from './invoice-status.js';
import { addDays } from './local-date.js';

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

describe('whether an agent sees an invoice overdue', () => {
  const due = '2027-03-15';
  const invoice = { kind: 'invoice' as const, status: 'issued' as const, totalCents: 4200, dueDate: due };

  it('sees an issued invoice overdue from the day after its due date', () => {
    expect(isOverdue(invoice, due)).toBe(false);
    expect(isOverdue(invoice, addDays(due, 1))).toBe(true);
    expect(isOverdue({ ...invoice, status: 'paid' }, addDays(due, 30))).toBe(false);
    expect(isOverdue({ ...invoice, dueDate: null }, addDays(due, 30))).toBe(false);
  });

  it('never sees an invoice in a direct-debit collection overdue, whenever the bank collects it', () => {
    for (const debitOn of [addDays(due, -10), due, addDays(due, 5)]) {
      expect(isOverdue({ ...invoice, debitOn }, addDays(due, 60))).toBe(false);
    }
  });

  it('sees overdue only what the family still reads as to pay', () => {
    fc.assert(
      fc.property(
        stored,
        fc.option(fc.integer({ min: -60, max: 60 }), { nil: null }),
        fc.integer({ min: -60, max: 60 }),
        (document, dueIn, todayIn) => {
          const today = addDays(due, todayIn);
          const dueDate = dueIn === null ? null : addDays(due, dueIn);
          const overdue = isOverdue({ ...document, dueDate }, today);
          if (overdue) expect(familyInvoiceStatus(document)).toBe('to_pay');
          if (familyInvoiceStatus(document) === 'debited') expect(overdue).toBe(false);
          if (dueDate === null || dueDate >= today) expect(overdue).toBe(false);
        },
      ),
    );
  });
});
