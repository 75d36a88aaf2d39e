import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The households' calendar feeds: one secret iCalendar address per household, of which only the
 * SHA-256 of the token is kept (a leaked database gives no usable address). Deleting the row
 * revokes the address; creating another replaces it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table calendar_feeds (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  household_id uuid not null,
  token_hash bytea not null,
  created_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null,
  primary key (collectivity_id, household_id),
  foreign key (collectivity_id, household_id) references households(collectivity_id, id) on delete cascade
);
create unique index calendar_feeds_token on calendar_feeds (collectivity_id, token_hash);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table calendar_feeds;');
}
