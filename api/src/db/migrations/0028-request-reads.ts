import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * What each agent has read of the requests, for the inbox's unread marks and count: opening a
 * request records how many parent messages the agent has seen (and when, from the app's clock).
 * A count rather than an instant, so that a reply written in the same instant as the reading
 * (a fixed clock, a fast family) still makes the request unread again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table request_reads (
  collectivity_id uuid not null,
  request_id uuid not null,
  account_id uuid not null references accounts(id) on delete cascade,
  read_at timestamptz not null,
  parent_messages_read integer not null check (parent_messages_read >= 0),
  primary key (collectivity_id, request_id, account_id),
  foreign key (collectivity_id, request_id) references requests(collectivity_id, id) on delete cascade
);
create index request_messages_parent on request_messages (collectivity_id, request_id) where author_kind = 'parent';
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop index request_messages_parent;
drop table request_reads;
`,
  );
}
