import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * SEPA direct debit: the town as creditor (ICS, account), households' mandates (one in force
 * at a time, never changed: a new account is a new mandate), one batch per month with the
 * creditor and the time it was made kept, so that exporting it again gives the same file, and
 * one row per invoice it collects (an invoice is collected once: its primary key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table collectivities add column sepa_creditor_name text;
alter table collectivities add column sepa_creditor_iban text;
alter table collectivities add column sepa_creditor_bic text;
alter table collectivities add column sepa_creditor_identifier text;

create table sepa_mandates (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  reference text not null check (length(reference) between 1 and 35),
  iban text not null check (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
  bic text check (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  account_holder text not null,
  signed_on date not null,
  created_at timestamptz not null,
  created_by uuid references accounts(id) on delete set null,
  revoked_at timestamptz,
  revoked_by uuid references accounts(id) on delete set null,
  primary key (collectivity_id, id),
  unique (collectivity_id, reference),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create unique index sepa_mandates_one_in_force on sepa_mandates (collectivity_id, household_id) where revoked_at is null;

create table direct_debit_batches (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  collection_date date not null,
  message_id text not null,
  creditor_name text not null,
  creditor_iban text not null,
  creditor_bic text,
  creditor_identifier text not null,
  invoice_count integer not null,
  total_cents integer not null,
  created_at timestamptz not null,
  created_by uuid references accounts(id) on delete set null,
  primary key (collectivity_id, id),
  unique (collectivity_id, month),
  unique (collectivity_id, message_id)
);

create table direct_debits (
  collectivity_id uuid not null,
  invoice_id uuid not null,
  batch_id uuid not null,
  mandate_id uuid not null,
  sequence_type text not null check (sequence_type in ('FRST','RCUR')),
  amount_cents integer not null check (amount_cents > 0),
  position integer not null,
  primary key (collectivity_id, invoice_id),
  foreign key (collectivity_id, invoice_id) references invoices(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, batch_id) references direct_debit_batches(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, mandate_id) references sepa_mandates(collectivity_id, id)
);
create index direct_debits_batch on direct_debits (collectivity_id, batch_id, position);
create index direct_debits_mandate on direct_debits (collectivity_id, mandate_id);

alter table invoices add column debit_on date;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table invoices drop column debit_on;
drop table direct_debits;
drop table direct_debit_batches;
drop table sepa_mandates;
alter table collectivities drop column sepa_creditor_identifier, drop column sepa_creditor_bic,
  drop column sepa_creditor_iban, drop column sepa_creditor_name;
`,
  );
}
