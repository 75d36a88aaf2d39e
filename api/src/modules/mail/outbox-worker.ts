import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Mailer, MailMessage } from '../../deps.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { type PeriodicWorker, startPeriodicWorker } from '../../lib/periodic-worker.js';

/** What the worker does per topic; more topics (webhooks, promotions) register here. */
export type OutboxHandlers = Record<string, (payload: Record<string, unknown>) => Promise<void>>;

export function emailHandler(mailer: Mailer): OutboxHandlers {
  return { email: (payload) => mailer.send(payload as unknown as MailMessage) };
}

/**
 * What a delivered entry keeps. An email's body holds one-time links (invitation, reset, email
 * change): once sent, only who it went to and its subject stay, so that a database dump or a
 * backup does not hand out working tokens.
 */
function scrubbed(topic: string, payload: Record<string, unknown>): Record<string, unknown> {
  if (topic !== 'email') return payload;
  return { to: payload.to, subject: payload.subject, scrubbed: true };
}

const LEASE_SECONDS = 60;
const MAX_ATTEMPTS = 8;

/**
 * Delivers up to `batch` pending outbox entries. Entries are leased with
 * `FOR UPDATE SKIP LOCKED`, so any number of workers share the queue without sending one
 * entry twice; a failure is retried with exponential backoff.
 */
export async function drainOutbox(
  deps: { db: Db; clock: Clock; logger: Logger },
  handlers: OutboxHandlers,
  batch = 20,
): Promise<number> {
  const now = deps.clock.now();
  const leased = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload', 'attempts'])
      .where('sent_at', 'is', null)
      .where('available_at', '<=', now)
      .where('attempts', '<', MAX_ATTEMPTS)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await trx
        .updateTable('outbox')
        .set({ locked_until: new Date(now.getTime() + LEASE_SECONDS * 1000) })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows;
  });
  for (const row of leased) {
    const handler = handlers[row.topic];
    try {
      if (!handler) throw new Error(`no handler for topic ${row.topic}`);
      await handler(row.payload);
      await deps.db
        .updateTable('outbox')
        .set({ sent_at: deps.clock.now(), locked_until: null, payload: JSON.stringify(scrubbed(row.topic, row.payload)) })
        .where('id', '=', row.id)
        .execute();
    } catch (err) {
      const attempts = row.attempts + 1;
      deps.logger.warn({ outboxId: row.id, topic: row.topic, attempts, err }, 'outbox delivery failed');
      await deps.db
        .updateTable('outbox')
        .set({
          attempts,
          locked_until: null,
          last_error: err instanceof Error ? err.message.slice(0, 500) : 'failed',
          available_at: sql<Date>`${deps.clock.now()}::timestamptz + make_interval(secs => ${2 ** attempts * 5})`,
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return leased.length;
}

/** Runs `drainOutbox` every `intervalMs` until stopped; stop() waits for the current round. */
export function startOutboxWorker(
  deps: { db: Db; clock: Clock; logger: Logger },
  handlers: OutboxHandlers,
  intervalMs = 1000,
): PeriodicWorker {
  return startPeriodicWorker('outbox worker', deps.logger, intervalMs, () => drainOutbox(deps, handlers));
}
