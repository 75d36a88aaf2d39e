import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The outbox is stamped by the application's clock, never the database's: the worker compares
 * `available_at` with its injected `Clock`, and a default of `now()` made every queued email
 * "not yet available" as soon as the real date passed a test's pinned one. Without a default,
 * an insert that forgets the stamp fails loudly instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table outbox alter column available_at drop default;
alter table outbox alter column created_at drop default;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table outbox alter column available_at set default now();
alter table outbox alter column created_at set default now();
`,
  );
}
