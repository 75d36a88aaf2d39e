import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The prefix of credit-note numbers (*avoir*): `AV-2026-000123`. */
export const CREDIT_NOTE_PREFIX = 'AV';

/**
 * The next number of a series (`AV-2026-000124` after `AV-2026-000123`), unique per
 * collectivity. An advisory lock held to the end of the transaction serialises the writers of
 * one series, so two agents issuing at the same moment never draw the same number; the unique
 * `(collectivity_id, number)` constraint stays as the last guard. The prefix holds no `-`.
 */
export async function nextDocumentNumber(trx: Db, collectivityId: string, prefix: string, year: string): Promise<string> {
  const series = `${prefix}-${year}-`;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${collectivityId}|invoice-number|${series}`}, 0))`.execute(trx);
  const last = await trx
    .selectFrom('invoices')
    .select(sql<number | null>`max(cast(split_part(number, '-', 3) as integer))`.as('last'))
    .where('collectivity_id', '=', collectivityId)
    .where('number', 'like', `${series}%`)
    .executeTakeFirst();
  return `${series}${String((last?.last ?? 0) + 1).padStart(6, '0')}`;
}

/**
 * Issues a credit note refunding one booking: an `invoices` row of kind `credit_note` and one
 * line linked to the booking. Amounts are signed: a credit note's totals are negative, so a
 * household's balance is the plain sum of its invoices and credit notes.
 */
export async function issueBookingCreditNote(
  trx: Db,
  input: {
    collectivityId: string;
    householdId: string;
    bookingId: string;
    date: string;
    amountCents: number;
    label: string;
    year: string;
    now: Date;
  },
): Promise<{ id: string; number: string; totalCents: number }> {
  const number = await nextDocumentNumber(trx, input.collectivityId, CREDIT_NOTE_PREFIX, input.year);
  const totalCents = -input.amountCents;
  const invoice = await trx
    .insertInto('invoices')
    .values({
      collectivity_id: input.collectivityId,
      household_id: input.householdId,
      kind: 'credit_note',
      number,
      period_from: input.date,
      period_to: input.date,
      issued_at: input.now,
      due_date: null,
      status: 'issued',
      total_cents: totalCents,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_lines')
    .values({
      collectivity_id: input.collectivityId,
      invoice_id: invoice.id,
      booking_id: input.bookingId,
      label: input.label,
      quantity: 1,
      unit_cents: totalCents,
      total_cents: totalCents,
    })
    .execute();
  return { id: invoice.id, number, totalCents };
}
