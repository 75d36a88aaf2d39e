import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * Login email changes, and the indexes of the requests inbox and of attachment quotas.
 *
 * `email_change_tokens` is global, like the other account tokens: an account and its login are
 * not tenant data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table email_change_tokens (
  token_hash bytea primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  new_email text not null check (new_email = lower(new_email)),
  collectivity_slug text,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index email_change_tokens_account on email_change_tokens (account_id);

-- The agents' inbox pages by (created_at, id) with or without a status filter.
create index requests_created on requests (collectivity_id, created_at, id);
-- Uploads not yet sent with a request are counted per household (a quota).
create index attachments_household on attachments (collectivity_id, household_id, created_at);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop index attachments_household;
drop index requests_created;
drop table email_change_tokens;
`,
  );
}
