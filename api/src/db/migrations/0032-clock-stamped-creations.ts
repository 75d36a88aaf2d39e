import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The creation instants that some rule compares with the injected `Clock` are stamped by the
 * application, never the database (issue #10, as 0006 did for the outbox): retention judges
 * households, bookings, invoices and unsent documents by them, the request-email cap counts
 * requests by them, and a decided request's unread messages are those after `decided_at`. With a
 * test or demo clock pinned away from the real date, a `now()` default made those rules judge
 * rows as years old or not yet created. Without a default, an insert that forgets the stamp fails.
 */
const STAMPED = [
  'households.created_at',
  'bookings.created_at',
  'invoices.created_at',
  'attachments.created_at',
  'requests.created_at',
  'request_messages.created_at',
];

function alter(action: string): string {
  return STAMPED.map((c) => {
    const [table, column] = c.split('.');
    return `alter table ${table} alter column ${column} ${action};`;
  }).join('\n');
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, alter('drop default'));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, alter('set default now()'));
}
