import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { type PeriodicWorker, startPeriodicWorker } from '../../lib/periodic-worker.js';
import { type AttachmentStorage, PostgresAttachmentStorage } from '../attachments/attachment-storage.js';
import { ANONYMISED_ACTION, anonymiseHousehold } from '../privacy/anonymise-household.js';

/** Retention periods of what is kept only for a while. */
export interface RetentionSettings {
  /** Delivered emails (already reduced to recipient and subject) are deleted after this. */
  sentEmailDays: number;
  /** Documents uploaded and never sent with a request are deleted after this. */
  unsentDocumentHours: number;
  /** A household with no booking, sign-in or invoice for this many years is anonymised. */
  inactiveHouseholdYears: number;
  /** Documents of a request accepted or rejected this many days ago are deleted. */
  closedRequestDocumentDays: number;
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
  closedRequestDocuments: number;
  inactiveHouseholds: number;
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
  // Their last sign-in goes to the account as they go: retention judges inactivity on it.
  const spent = await deps.db
    .with('purged', (qc) => qc.deleteFrom('refresh_tokens').where('expires_at', '<=', now).returning(['account_id', 'issued_at']))
    .with('latest', (qc) =>
      qc
        .selectFrom('purged')
        .select(['account_id', (eb) => eb.fn.max('issued_at').as('issued_at')])
        .groupBy('account_id'),
    )
    .with('kept', (qc) =>
      qc
        .updateTable('accounts')
        .from('latest')
        .set({ last_signed_in_at: sql<Date>`greatest(accounts.last_signed_in_at, latest.issued_at)` })
        .whereRef('accounts.id', '=', 'latest.account_id')
        .returning('accounts.id'),
    )
    .selectFrom('purged')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  purged.refreshTokens = Number(spent?.n ?? 0);
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
  purged.closedRequestDocuments = await purgeClosedRequestDocuments(
    deps,
    storage,
    new Date(now.getTime() - retention.closedRequestDocumentDays * DAY_MS),
  );
  purged.inactiveHouseholds = await anonymiseInactiveHouseholds(deps, storage, retention.inactiveHouseholdYears, now);
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

/** Deletes the documents of requests decided (accepted or rejected) before `before`: they have served. */
async function purgeClosedRequestDocuments(deps: RetentionDeps, storage: AttachmentStorage, before: Date): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const closed = trx
      .selectFrom('requests')
      .select('id')
      .where('status', 'in', ['accepted', 'rejected'])
      .where('decided_at', '<=', before);
    const gone = await trx
      .deleteFrom('attachments')
      .where('request_id', 'in', closed)
      .returning(['collectivity_id', 'storage_key'])
      .execute();
    await storage.remove(
      trx,
      gone.map((row) => ({ collectivityId: row.collectivity_id, key: row.storage_key })),
    );
    return gone.length;
  });
}

/** The same day `years` earlier (29 February becomes 28 February). */
function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  if (d.getUTCDate() !== now.getUTCDate()) d.setUTCDate(0);
  return d;
}

/**
 * Anonymises the households whose last sign-in, booking and invoice are all older than `years`
 * (and that were created before then), one household per transaction, as an agent would.
 */
async function anonymiseInactiveHouseholds(
  deps: RetentionDeps,
  storage: AttachmentStorage,
  years: number,
  now: Date,
): Promise<number> {
  const before = yearsBefore(now, years);
  const inactive = await deps.db
    .selectFrom('households as h')
    .select(['h.collectivity_id', 'h.id'])
    .where('h.created_at', '<=', before)
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_log as l')
            .select('l.id')
            .whereRef('l.collectivity_id', '=', 'h.collectivity_id')
            .where('l.object_type', '=', 'household')
            .where('l.object_id', '=', sql<string>`h.id::text`)
            .where('l.action', '=', ANONYMISED_ACTION),
        ),
      ),
    )
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('bookings as b')
            .select('b.id')
            .whereRef('b.collectivity_id', '=', 'h.collectivity_id')
            .whereRef('b.household_id', '=', 'h.id')
            .where((eb) => eb.or([eb('b.created_at', '>', before), eb('b.date', '>', before.toISOString().slice(0, 10))])),
        ),
      ),
    )
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('invoices as i')
            .select('i.id')
            .whereRef('i.collectivity_id', '=', 'h.collectivity_id')
            .whereRef('i.household_id', '=', 'h.id')
            .where('i.created_at', '>', before),
        ),
      ),
    )
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('memberships as m')
            .innerJoin('accounts as a', 'a.id', 'm.account_id')
            .select('m.id')
            .whereRef('m.collectivity_id', '=', 'h.collectivity_id')
            .whereRef('m.household_id', '=', 'h.id')
            .where((eb) =>
              eb.or([
                eb('a.last_signed_in_at', '>', before),
                eb.exists(
                  eb
                    .selectFrom('refresh_tokens as r')
                    .select('r.id')
                    .whereRef('r.account_id', '=', 'm.account_id')
                    .where('r.issued_at', '>', before),
                ),
              ]),
            ),
        ),
      ),
    )
    .execute();
  for (const household of inactive) {
    await anonymiseHousehold(deps.db, storage, {
      collectivityId: household.collectivity_id,
      householdId: household.id,
      actorAccountId: null,
      reason: `retention: no activity for ${years} years`,
      now,
    });
  }
  return inactive.length;
}

/** Runs `sweepRetention` every `intervalMs` (hourly) until stopped; stop() waits for the current round. */
export function startRetentionSweeper(deps: RetentionDeps, intervalMs = 3_600_000): PeriodicWorker {
  return startPeriodicWorker('retention sweep', deps.logger, intervalMs, async () =>
    deps.logger.info({ purged: await sweepRetention(deps) }, 'retention sweep'),
  );
}
