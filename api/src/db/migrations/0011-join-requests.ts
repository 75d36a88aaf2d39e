import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * A signed-in parent's request to join another collectivity ("adhérer à une autre
 * collectivité"), decided by that collectivity's agents. One pending request per account and
 * collectivity: asking again while one waits is a conflict, not a second request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table join_requests (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  account_id uuid not null references accounts(id) on delete cascade,
  status text not null check (status in ('pending','accepted','refused')),
  details jsonb not null,
  household_id uuid,
  refusal_reason text,
  decided_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null,
  decided_at timestamptz,
  primary key (collectivity_id, id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete set null (household_id)
);
create unique index join_requests_one_pending on join_requests (collectivity_id, account_id) where status = 'pending';
create index join_requests_status on join_requests (collectivity_id, status, created_at);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table join_requests;');
}
