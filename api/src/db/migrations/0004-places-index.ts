import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * Counting the places taken on an activity-day reads only the bookings that hold one. Without
 * it the count walks the day's whole waiting list as well: at a registration rush, thousands
 * of entries, read again by every checkout and every calendar.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create index bookings_places on bookings (collectivity_id, activity_id, date) include (status, hold_expires_at)
  where status in ('booked', 'pending_payment', 'cancel_requested');
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop index bookings_places;');
}
