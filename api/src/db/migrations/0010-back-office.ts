import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * What the back office needs of the families: an external id per household (the family's id in
 * the collectivity's previous software, so that re-importing updates instead of duplicating),
 * the school and class of an enrolment's period, the history of family quotients with the date
 * each applies from, and agents' notes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table households add column external_id text;
create unique index households_external_id on households (collectivity_id, external_id) where external_id is not null;
create index households_name on households (collectivity_id, lower(name), id);

alter table enrolments add column school text;
alter table enrolments add column school_class text;

create table family_quotients (
  collectivity_id uuid not null,
  household_id uuid not null,
  applies_from date not null,
  quotient integer not null check (quotient >= 0),
  recorded_at timestamptz not null,
  recorded_by uuid references accounts(id) on delete set null,
  primary key (collectivity_id, household_id, applies_from),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);

create table household_notes (
  collectivity_id uuid not null,
  id uuid not null default gen_random_uuid(),
  household_id uuid not null,
  author_account_id uuid references accounts(id) on delete set null,
  body text not null,
  created_at timestamptz not null,
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create index household_notes_household on household_notes (collectivity_id, household_id, created_at);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop table household_notes;
drop table family_quotients;
alter table enrolments drop column school_class;
alter table enrolments drop column school;
drop index households_name;
drop index households_external_id;
alter table households drop column external_id;
`,
  );
}
