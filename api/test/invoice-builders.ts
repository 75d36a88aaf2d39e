import type { InvoiceLineReason } from '../src/db/schema.js';
import type { TestApp } from './harness.js';

export interface LineSpec {
  childId: string | null;
  date: string | null;
  label: string;
  unitCents: number;
  quantity?: number;
  reason?: InvoiceLineReason;
}

/**
 * Writes an issued invoice or credit note straight into the database, as the billing run would
 * leave it: its total is the sum of its lines.
 */
export async function buildInvoice(
  t: TestApp,
  spec: {
    collectivityId: string;
    householdId: string;
    number: string;
    kind?: 'invoice' | 'credit_note';
    status?: 'draft' | 'issued' | 'paid' | 'cancelled';
    issuedAt: Date;
    dueDate?: string | null;
    correctsId?: string;
    lines: LineSpec[];
  },
): Promise<{ id: string; number: string; totalCents: number }> {
  const totals = spec.lines.map((l) => l.unitCents * (l.quantity ?? 1));
  const totalCents = totals.reduce((sum, x) => sum + x, 0);
  const dates = spec.lines.flatMap((l) => (l.date ? [l.date] : [])).sort();
  const { id } = await t.deps.db
    .insertInto('invoices')
    .values({
      collectivity_id: spec.collectivityId,
      household_id: spec.householdId,
      kind: spec.kind ?? 'invoice',
      number: spec.number,
      period_from: dates[0] ?? null,
      period_to: dates[dates.length - 1] ?? null,
      issued_at: spec.status === 'draft' ? null : spec.issuedAt,
      due_date: spec.dueDate ?? null,
      status: spec.status ?? 'issued',
      total_cents: totalCents,
      corrects_invoice_id: spec.correctsId ?? null,
      created_at: spec.issuedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (spec.lines.length > 0) {
    await t.deps.db
      .insertInto('invoice_lines')
      .values(
        spec.lines.map((l, index) => ({
          collectivity_id: spec.collectivityId,
          invoice_id: id,
          label: l.label,
          quantity: l.quantity ?? 1,
          unit_cents: l.unitCents,
          total_cents: totals[index] ?? 0,
          child_id: l.childId,
          date: l.date,
          reason: l.reason ?? 'booked',
        })),
      )
      .execute();
  }
  return { id, number: spec.number, totalCents };
}

/** The household of a seeded account in a town, by the account's email. */
export async function householdOf(
  t: TestApp,
  email: string,
  slug = 'ville-de-demo',
): Promise<{ collectivityId: string; householdId: string }> {
  const row = await t.deps.db
    .selectFrom('memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .innerJoin('collectivities as c', 'c.id', 'm.collectivity_id')
    .select(['m.collectivity_id', 'm.household_id'])
    .where('a.email', '=', email)
    .where('c.slug', '=', slug)
    .where('m.kind', '=', 'parent')
    .executeTakeFirstOrThrow();
  return { collectivityId: row.collectivity_id, householdId: row.household_id ?? '' };
}
