import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { type PeriodicWorker, startPeriodicWorker } from '../../lib/periodic-worker.js';
import { type AttachmentStorage, PostgresAttachmentStorage } from '../attachments/attachment-storage.js';

/** Retention periods of what is kept only for a while. */
export interface RetentionSettings {
  /** Delivered emails (already reduced to recipient and subject) are deleted after this. */
  sentEmailDays: number;
  /** Documents uploaded and never sent with a request are deleted after this. */
  unsentDocumentHours: number;
}

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: { retention: RetentionSettings; throttle: { windowSeconds: number } };
}

const DAY_MS = 86_400_000;

/** Rows purged by one sweep, by kind. */
export interface RetentionSweep {
  sentEmails: number;
  idempotencyKeys: number;
  refreshTokens: number;
  resetTokens: number;
  emailChangeTokens: number;
  invitations: number;
  rateLimits: number;
  unsentDocuments: number;
}

/**
 * Purges what has served, by the dates the application stamped (never the database's clock):
 * delivered emails, idempotency keys, invitations and one-time tokens past their expiry, refresh tokens past
 * the absolute end of their sign-in, throttle counters whose window and delay are over, and
 * documents never sent with a request. Returns how many rows went, by kind. Safe to run from
 * several instances: each statement is a plain delete.
 */
export async function sweepRetention(
  deps: RetentionDeps,
  storage: AttachmentStorage = new PostgresAttachmentStorage(),
): Promise<RetentionSweep> {
  const now = deps.clock.now();
  const { retention, throttle } = deps.config;
  const count = (result: { numDeletedRows: bigint }[]) => result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
  const purged = {} as RetentionSweep;
  purged.sentEmails = count(
    await deps.db
      .deleteFrom('outbox')
      .where('sent_at', '<=', new Date(now.getTime() - retention.sentEmailDays * DAY_MS))
      .execute(),
  );
  purged.idempotencyKeys = count(await deps.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).execute());
  // A spent refresh token must outlive its use until the sign-in's end, to detect its reuse.
  purged.refreshTokens = count(await deps.db.deleteFrom('refresh_tokens').where('expires_at', '<=', now).execute());
  purged.resetTokens = count(await deps.db.deleteFrom('password_reset_tokens').where('expires_at', '<=', now).execute());
  purged.emailChangeTokens = count(await deps.db.deleteFrom('email_change_tokens').where('expires_at', '<=', now).execute());
  // An invitation past its expiry can no longer be used; a used one has served already.
  purged.invitations = count(await deps.db.deleteFrom('invitations').where('expires_at', '<=', now).execute());
  purged.rateLimits = count(
    await deps.db
      .deleteFrom('rate_limits')
      .where('window_start', '<=', new Date(now.getTime() - throttle.windowSeconds * 1000))
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
      .execute(),
  );
  purged.unsentDocuments = await purgeUnsentDocuments(
    deps,
    storage,
    new Date(now.getTime() - retention.unsentDocumentHours * 3_600_000),
  );
  return purged;
}

async function purgeUnsentDocuments(deps: RetentionDeps, storage: AttachmentStorage, before: Date): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('attachments')
      .where('request_id', 'is', null)
      .where('created_at', '<=', before)
      .returning(['collectivity_id', 'storage_key'])
      .execute();
    await storage.remove(
      trx,
      gone.map((row) => ({ collectivityId: row.collectivity_id, key: row.storage_key })),
    );
    return gone.length;
  });
}

/** Runs `sweepRetention` every `intervalMs` (hourly) until stopped; stop() waits for the current round. */
export function startRetentionSweeper(deps: RetentionDeps, intervalMs = 3_600_000): PeriodicWorker {
  return startPeriodicWorker('retention sweep', deps.logger, intervalMs, async () =>
    deps.logger.info({ purged: await sweepRetention(deps) }, 'retention sweep'),
  );
}
