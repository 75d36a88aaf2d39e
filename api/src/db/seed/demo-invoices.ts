/**
 * The demo family's invoices space: its past postpaid days billed on two invoices, the older one
 * paid and corrected by a credit note, the latest still to pay, so that `<foyer-invoices>` shows
 * each state on a fresh demo. Every date comes from the seeded bookings, so it follows `today`.
 */
import type { Executor } from '../database.js';
import type { InvoiceLineReason } from '../schema.js';
import type { SeededHousehold } from './demo-families.js';
import { addDays, type LocalDate, parisInstant } from './school-calendar.js';

interface BilledDay {
  child_id: string;
  activity_id: string;
  date: LocalDate;
  label: string;
  price_cents: number;
  reason: InvoiceLineReason;
}

/** Numbers per year, chronological and without gaps, as the billing run draws them. */
function numberer() {
  const last = new Map<string, number>();
  return (prefix: 'FA' | 'AV', issuedOn: LocalDate) => {
    const series = `${prefix}-${issuedOn.slice(0, 4)}`;
    const next = (last.get(series) ?? 0) + 1;
    last.set(series, next);
    return `${series}-${String(next).padStart(6, '0')}`;
  };
}

/** The household's past days that a monthly invoice bills: booked and present, or absent without a reason. */
async function billedDays(trx: Executor, collectivityId: string, householdId: string, today: LocalDate): Promise<BilledDay[]> {
  const rows = await trx
    .selectFrom('bookings as b')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select(['b.child_id', 'b.activity_id', 'b.date', 'b.price_cents', 'b.attendance', 'a.name'])
    .where('b.collectivity_id', '=', collectivityId)
    .where('b.household_id', '=', householdId)
    .where('b.status', '=', 'booked')
    .where('b.payment_id', 'is', null)
    .where('b.date', '<', today)
    .where((eb) => eb.or([eb('b.attendance', 'is', null), eb('b.attendance', '<>', 'absent_justified')]))
    .orderBy('b.date')
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    child_id: r.child_id,
    activity_id: r.activity_id,
    date: r.date,
    label: r.name,
    price_cents: r.price_cents ?? 0,
    reason: r.attendance === 'absent_unjustified' ? 'absence_unjustified' : 'booked',
  }));
}

/** Inserts one issued document and its lines; returns its id. */
async function insertDocument(
  trx: Executor,
  input: {
    collectivityId: string;
    householdId: string;
    kind: 'invoice' | 'credit_note';
    number: string;
    days: BilledDay[];
    issuedOn: LocalDate;
    paidOn?: LocalDate;
    correctsId?: string;
  },
): Promise<string> {
  const total = input.days.reduce((sum, d) => sum + d.price_cents, 0);
  const dates = input.days.map((d) => d.date).sort();
  const { id } = await trx
    .insertInto('invoices')
    .values({
      collectivity_id: input.collectivityId,
      household_id: input.householdId,
      kind: input.kind,
      number: input.number,
      period_from: dates[0] ?? null,
      period_to: dates[dates.length - 1] ?? null,
      issued_at: parisInstant(input.issuedOn, '06:00'),
      due_date: input.kind === 'invoice' ? addDays(input.issuedOn, 20) : null,
      status: input.paidOn ? 'paid' : 'issued',
      paid_at: input.paidOn ? parisInstant(input.paidOn, '12:30') : null,
      total_cents: total,
      corrects_invoice_id: input.correctsId ?? null,
      created_at: parisInstant(input.issuedOn, '06:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_lines')
    .values(
      input.days.map((d) => ({
        collectivity_id: input.collectivityId,
        invoice_id: id,
        label: d.label,
        quantity: 1,
        unit_cents: d.price_cents,
        total_cents: d.price_cents,
        child_id: d.child_id,
        activity_id: d.activity_id,
        date: d.date,
        reason: d.reason,
      })),
    )
    .execute();
  return id;
}

/**
 * Two invoices of the demo household (the older half of its billed days, paid; the newer half,
 * to pay) and a credit note refunding the first day of the paid one. Nothing when the household
 * has fewer than two billed days.
 */
export async function seedInvoices(
  trx: Executor,
  input: { today: LocalDate; collectivityId: string; household: SeededHousehold },
): Promise<void> {
  const { today, collectivityId, household } = input;
  const days = await billedDays(trx, collectivityId, household.id, today);
  if (days.length < 2) return;
  const half = Math.ceil(days.length / 2);
  const older = days.slice(0, half);
  const newer = days.slice(half);
  const lastOf = (list: BilledDay[]) => list[list.length - 1]?.date ?? today;
  // Issued the day after their last billed day, never after today; the newer one yesterday (issued before any hour of today).
  const olderIssued = addDays(lastOf(older), 1) < today ? addDays(lastOf(older), 1) : addDays(today, -1);
  const newerIssued = addDays(today, -1);
  const number = numberer();
  const paid = await insertDocument(trx, {
    collectivityId,
    householdId: household.id,
    kind: 'invoice',
    number: number('FA', olderIssued),
    days: older,
    issuedOn: olderIssued,
    paidOn: olderIssued,
  });
  await insertDocument(trx, {
    collectivityId,
    householdId: household.id,
    kind: 'invoice',
    number: number('FA', newerIssued),
    days: newer,
    issuedOn: newerIssued,
  });
  const refunded = older[0];
  if (refunded === undefined) return;
  const creditNote = await insertDocument(trx, {
    collectivityId,
    householdId: household.id,
    kind: 'credit_note',
    number: number('AV', newerIssued),
    days: [
      {
        ...refunded,
        label: `${refunded.label} non servi (sortie scolaire)`,
        price_cents: -refunded.price_cents,
        reason: 'credit',
      },
    ],
    issuedOn: newerIssued,
    correctsId: paid,
  });
  await recordPartialCredit(trx, { collectivityId, invoiceId: paid, creditNoteId: creditNote, day: refunded });
}

/**
 * What the credit endpoint records of a partial credit (migration 0035): the invoice's credited
 * sum, the credit line naming the invoice line it credits, and, the invoice being paid, the credit
 * owed to the household.
 */
async function recordPartialCredit(
  trx: Executor,
  input: { collectivityId: string; invoiceId: string; creditNoteId: string; day: BilledDay },
): Promise<void> {
  const first = await trx
    .selectFrom('invoice_lines')
    .select('id')
    .where('collectivity_id', '=', input.collectivityId)
    .where('invoice_id', '=', input.invoiceId)
    .where('date', '=', input.day.date)
    .where('child_id', '=', input.day.child_id)
    .where('activity_id', '=', input.day.activity_id)
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('invoice_lines')
    .set({ credits_line_id: first.id })
    .where('collectivity_id', '=', input.collectivityId)
    .where('invoice_id', '=', input.creditNoteId)
    .execute();
  await trx
    .updateTable('invoices')
    .set({ credited_cents: input.day.price_cents })
    .where('collectivity_id', '=', input.collectivityId)
    .where('id', '=', input.invoiceId)
    .execute();
  await trx
    .updateTable('invoices')
    .set({ credit_balance: true })
    .where('collectivity_id', '=', input.collectivityId)
    .where('id', '=', input.creditNoteId)
    .execute();
}
