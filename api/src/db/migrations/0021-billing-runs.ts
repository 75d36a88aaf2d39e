import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * Monthly billing of postpaid activities: one run per collectivity and month (issued once, all
 * or nothing), invoices that know their run and the invoice a credit note corrects, and lines
 * that say which child, activity and day they bill and why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table billing_runs (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text not null check (status in ('issuing','issued')),
  invoice_count integer not null default 0,
  total_cents integer not null default 0,
  issued_at timestamptz,
  issued_by uuid,
  created_at timestamptz not null,
  primary key (collectivity_id, id),
  unique (collectivity_id, month)
);

alter table invoices add column billing_run_id uuid;
alter table invoices add constraint invoices_billing_run foreign key (collectivity_id, billing_run_id)
  references billing_runs(collectivity_id, id);
alter table invoices add column corrects_invoice_id uuid;
alter table invoices add constraint invoices_corrects foreign key (collectivity_id, corrects_invoice_id)
  references invoices(collectivity_id, id);
alter table invoices add column cancel_reason text;
alter table invoices add column cancelled_at timestamptz;
alter table invoices add column paid_at timestamptz;
create unique index invoices_one_per_household_and_run on invoices (collectivity_id, billing_run_id, household_id)
  where kind = 'invoice' and billing_run_id is not null;
create index invoices_unpaid_due on invoices (collectivity_id, due_date) where kind = 'invoice' and status = 'issued';
create index invoices_corrected on invoices (collectivity_id, corrects_invoice_id) where corrects_invoice_id is not null;

alter table invoice_lines add column child_id uuid;
alter table invoice_lines add column activity_id uuid;
alter table invoice_lines add column date date;
alter table invoice_lines add column reason text check (reason in
  ('booked','absence_unjustified','walk_in','late_cancellation_refused','credit'));
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table invoice_lines drop column reason, drop column date, drop column activity_id, drop column child_id;
drop index invoices_corrected;
drop index invoices_unpaid_due;
drop index invoices_one_per_household_and_run;
alter table invoices drop constraint invoices_corrects, drop constraint invoices_billing_run;
alter table invoices drop column paid_at, drop column cancelled_at, drop column cancel_reason,
  drop column corrects_invoice_id, drop column billing_run_id;
drop table billing_runs;
`,
  );
}
