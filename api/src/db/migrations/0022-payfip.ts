import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * PayFiP, the DGFiP's payment service, per collectivity: its client number, entry mode and
 * addresses; every operation (`idOp`) PayFiP gave for one of our payments, with what its detail
 * lookup confirmed; and payments that a lookup confirmed for another amount, paid too late, or
 * paid after they were closed (refused, abandoned: a second idOp of the same payment), held for an agent (`held`, with the reason and the agent's decision), or that the payer
 * abandoned on PayFiP's page (`abandoned`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table payfip_settings (
  collectivity_id uuid primary key references collectivities(id) on delete cascade,
  numcli text not null check (numcli ~ '^[0-9]{6}$'),
  saisie text not null check (saisie in ('T','X','W')),
  service_url text not null,
  page_url text not null,
  active boolean not null default true,
  updated_at timestamptz not null
);

create table payfip_operations (
  collectivity_id uuid not null,
  id_op text not null,
  payment_id uuid not null,
  refdet text not null,
  created_at timestamptz not null,
  resultrans text,
  confirmed_cents integer,
  numauto text,
  transaction_at text,
  confirmed_at timestamptz,
  -- When Foyer last asked PayFiP about it (a notification, or the reconciler for lost ones).
  last_checked_at timestamptz,
  primary key (collectivity_id, id_op),
  foreign key (collectivity_id, payment_id) references payments(collectivity_id, id) on delete cascade
);
-- A notification carries only the idOp: it is found before its collectivity is known.
create unique index payfip_operations_id_op on payfip_operations (id_op);
create index payfip_operations_payment on payfip_operations (collectivity_id, payment_id);
create index payfip_operations_unconfirmed on payfip_operations (created_at) where confirmed_at is null;

alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check
  check (status in ('pending','paid','refused','expired','refunded','held','abandoned'));
alter table payments add column confirmed_cents integer;
alter table payments add column held_reason text check (held_reason in ('amount_mismatch','paid_late','paid_when_closed'));
alter table payments add column resolution text check (resolution in ('accepted','refused'));
alter table payments add column resolution_reason text;
alter table payments add column resolved_by uuid;
alter table payments add column resolved_at timestamptz;
create index payments_held on payments (collectivity_id, updated_at) where status = 'held';
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop index payments_held;
alter table payments drop column resolved_at, drop column resolved_by, drop column resolution_reason,
  drop column resolution, drop column held_reason, drop column confirmed_cents;
alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check
  check (status in ('pending','paid','refused','expired','refunded'));
drop table payfip_operations;
drop table payfip_settings;
`,
  );
}
