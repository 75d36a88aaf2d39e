import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * Partial credit notes (*avoirs partiels*). A credit note's line names the invoice line it
 * credits, and a unique index keeps each invoice line credited at most once across every credit
 * note. An invoice keeps the sum its credit notes took off (`credited_cents`), so that what the
 * family still owes (total − credits) is read without a join, by payment and direct debit alike.
 * A credit note says whether its amount is owed to the household (`credit_balance`: the invoice
 * was paid or collected already) rather than taken off what remained to pay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `alter table invoice_lines add column credits_line_id uuid;
     create unique index invoice_lines_credits_line_once on invoice_lines (collectivity_id, credits_line_id)
       where credits_line_id is not null;
     alter table invoices
       add column credited_cents integer not null default 0 check (credited_cents >= 0),
       add column credit_balance boolean not null default false;
     update invoices i set credited_cents = c.credited
       from (select collectivity_id, corrects_invoice_id, -sum(total_cents)::int as credited
               from invoices where kind = 'credit_note' and corrects_invoice_id is not null
              group by collectivity_id, corrects_invoice_id) c
      where i.collectivity_id = c.collectivity_id and i.id = c.corrects_invoice_id and c.credited > 0;
     alter table invoices add constraint invoices_credited_within_total
       check (kind <> 'invoice' or credited_cents <= greatest(total_cents, 0));`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `alter table invoices drop constraint invoices_credited_within_total, drop column credited_cents, drop column credit_balance;
     drop index invoice_lines_credits_line_once;
     alter table invoice_lines drop column credits_line_id;`,
  );
}
