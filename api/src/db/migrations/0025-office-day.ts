import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The service's day in the back office:
 * - exports read a period's bookings a day at a time: an index that finds a day's bookings of
 *   the whole town (the others lead with the activity or the child);
 * - the waiting list's history: when a booking left it for a freed place, and which agent
 *   promoted it (null: the place was given automatically, first come first served).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create index bookings_export on bookings (collectivity_id, date, id);
alter table bookings add column promoted_at timestamptz;
alter table bookings add column promoted_by uuid;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table bookings drop column promoted_by;
alter table bookings drop column promoted_at;
drop index bookings_export;
`,
  );
}
