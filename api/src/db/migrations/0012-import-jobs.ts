import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/** Imports of families from a CSV file: their progress while they run and their final report. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table import_jobs (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  created_by uuid references accounts(id) on delete set null,
  status text not null check (status in ('running','done','failed')),
  dry_run boolean not null,
  send_invitations boolean not null,
  filename text,
  encoding text,
  rows integer not null default 0,
  total_families integer not null default 0,
  processed_families integer not null default 0,
  rows_per_second real not null default 0,
  report jsonb,
  created_at timestamptz not null,
  finished_at timestamptz,
  primary key (collectivity_id, id)
);
create index import_jobs_created on import_jobs (collectivity_id, created_at);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table import_jobs;');
}
