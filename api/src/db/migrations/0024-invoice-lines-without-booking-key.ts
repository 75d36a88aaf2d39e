import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * An issued invoice line no longer holds a foreign key to its booking. The key made every line a
 * billing run writes check and share-lock its booking: in a trial, 200,000 lines took 23 s with
 * it and 9 s without. And its `on delete set null` would change an issued invoice when a
 * booking is deleted, which an invoice must never see. The line keeps the booking's id as a
 * plain reference, with the child, activity and day it bills.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'alter table invoice_lines drop constraint invoice_lines_collectivity_id_booking_id_fkey;');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `alter table invoice_lines add constraint invoice_lines_collectivity_id_booking_id_fkey
  foreign key (collectivity_id, booking_id) references bookings(collectivity_id, id) on delete set null (booking_id);`,
  );
}
