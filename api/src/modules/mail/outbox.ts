import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MailMessage } from '../../deps.js';

/**
 * Queues an email in the outbox, inside the caller's transaction: it leaves only if the change
 * that caused it commits, and the worker delivers it even after a crash.
 */
export async function enqueueEmail(
  db: Kysely<Database>,
  message: MailMessage,
  options: { now: Date; collectivityId?: string; dedupeKey?: string },
): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      collectivity_id: options.collectivityId ?? null,
      topic: 'email',
      payload: JSON.stringify(message),
      dedupe_key: options.dedupeKey ?? null,
      // The injected clock, not the database's: the worker compares it with its own `now`.
      created_at: options.now,
      available_at: options.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}
