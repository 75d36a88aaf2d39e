import type { adminPayments } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { remainingCents } from '../../domain/billing/invoice-credit.js';
import { epochDayOf, parseLocalDate } from '../../domain/index.js';
import { isOverdue } from '../../domain/invoice-status.js';
import { localDateOf } from '../../domain/zoned-time.js';
import type { CollectivityContext } from '../../lib/app-env.js';

/**
 * Invoices overdue (`isOverdue`): issued, still to pay after their due date, and not in a
 * direct-debit collection (the family reads those "prélevée"). The due date is a day of the
 * town's calendar, so "past" is judged on today's date in its time zone (by the injected clock).
 * The query keeps only rows the rule can keep, so that collected invoices, which stay issued,
 * never fill the page; the rule decides.
 */
export async function listOverdueInvoices(
  db: Db,
  collectivity: CollectivityContext,
  now: Date,
): Promise<adminPayments.OverdueInvoice[]> {
  const today = localDateOf(now, collectivity.timeZone);
  const rows = await db
    .selectFrom('invoices as i')
    .innerJoin('households as h', (j) =>
      j.onRef('h.collectivity_id', '=', 'i.collectivity_id').onRef('h.id', '=', 'i.household_id'),
    )
    .select([
      'i.id',
      'i.number',
      'i.household_id',
      'h.name',
      'i.kind',
      'i.status',
      'i.total_cents',
      'i.credited_cents',
      'i.due_date',
      'i.debit_on',
    ])
    .where('i.collectivity_id', '=', collectivity.id)
    .where('i.kind', '=', 'invoice')
    .where('i.status', '=', 'issued')
    .where('i.debit_on', 'is', null)
    .where('i.due_date', '<', today)
    .orderBy('i.due_date')
    .orderBy('i.number')
    .limit(5000)
    .execute();
  return rows
    .filter((row) =>
      isOverdue(
        { kind: row.kind, status: row.status, totalCents: row.total_cents, debitOn: row.debit_on, dueDate: row.due_date },
        today,
      ),
    )
    .map((row) => {
      const due = row.due_date ?? today;
      return {
        id: row.id,
        number: row.number,
        householdId: row.household_id,
        householdName: row.name,
        totalCents: row.total_cents,
        // What the family still owes: a partial credit note took the rest off.
        dueCents: remainingCents(row.total_cents, row.credited_cents),
        dueDate: due,
        daysOverdue: epochDayOf(parseLocalDate(today)) - epochDayOf(parseLocalDate(due)),
      };
    });
}
