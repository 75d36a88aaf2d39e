import type { auth } from '@foyer/sdk/contract';
import type { QueryCreator } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { SigningKeys } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { Logger } from '../../lib/logger.js';
import { isUuid } from '../../lib/uuid.js';
import { type AccessTokenSettings, signAccessToken } from './access-tokens.js';
import { hashToken, newSecretToken } from './secret-tokens.js';

type SessionOutput = auth.Session;

export interface SessionSettings extends AccessTokenSettings {
  refreshTokenSeconds: number;
}

interface SessionDeps {
  db: Db;
  keys: SigningKeys;
  settings: SessionSettings;
  logger: Logger;
}

async function issue(
  deps: SessionDeps,
  accountId: string,
  familyId: string,
  expiresAt: Date,
  now: Date,
  db: QueryCreator<Database>,
): Promise<SessionOutput> {
  const refreshToken = newSecretToken();
  await db
    .insertInto('refresh_tokens')
    .values({
      account_id: accountId,
      family_id: familyId,
      token_hash: hashToken(refreshToken),
      issued_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return {
    tokenType: 'Bearer',
    accessToken: await signAccessToken(deps.keys, deps.settings, accountId, now, familyId),
    expiresIn: deps.settings.accessTokenSeconds,
    refreshToken,
    refreshExpiresAt: expiresAt.toISOString(),
  };
}

/**
 * Starts a sign-in: a new refresh-token family whose absolute end is fixed now. `db` may be a
 * transaction, or carry statements to run with the insert (a sign-in's throttle release).
 */
export function startSession(
  deps: SessionDeps,
  accountId: string,
  now: Date,
  db: QueryCreator<Database> = deps.db,
): Promise<SessionOutput> {
  const expiresAt = new Date(now.getTime() + deps.settings.refreshTokenSeconds * 1000);
  return issue(deps, accountId, crypto.randomUUID(), expiresAt, now, db);
}

const invalidRefresh = () => new ApiError(401, 'invalid_token', 'This session is no longer valid: sign in again.');

/**
 * Rotates a refresh token: the presented one is spent and a new one issued in the same family.
 * Presenting a spent token again means it was copied: the whole family is revoked.
 */
export async function rotateSession(deps: SessionDeps, refreshToken: string, now: Date): Promise<SessionOutput> {
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens as t')
      .innerJoin('accounts as a', 'a.id', 't.account_id')
      .select(['t.id', 't.account_id', 't.family_id', 't.expires_at', 't.used_at', 't.revoked_at', 'a.disabled_at'])
      .where('t.token_hash', '=', hashToken(refreshToken))
      .forUpdate('t')
      .executeTakeFirst();
    if (!row || row.revoked_at || row.disabled_at || new Date(row.expires_at) <= now) return { error: invalidRefresh() };
    if (row.used_at) {
      await trx
        .updateTable('refresh_tokens')
        .set({ revoked_at: now })
        .where('family_id', '=', row.family_id)
        .where('revoked_at', 'is', null)
        .execute();
      return { reused: row.family_id };
    }
    await trx.updateTable('refresh_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
    return { session: await issue(deps, row.account_id, row.family_id, new Date(row.expires_at), now, trx) };
  });
  if ('reused' in outcome) {
    deps.logger.warn({ family: outcome.reused }, 'spent refresh token presented again: session family revoked');
    throw new ApiError(
      401,
      'refresh_token_reused',
      'This session was used elsewhere and has been closed for safety: sign in again.',
    );
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}

/** Ends the sign-in a refresh token belongs to. Unknown tokens are ignored: logout always succeeds. */
export async function endSession(db: Db, refreshToken: string, now: Date): Promise<void> {
  const row = await db
    .selectFrom('refresh_tokens')
    .select('family_id')
    .where('token_hash', '=', hashToken(refreshToken))
    .executeTakeFirst();
  if (!row) return;
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('family_id', '=', row.family_id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** An access token's holder: the account, and the sign-in the token came from when it names one. */
export interface TokenHolder {
  accountId: string;
  sessionId: string | undefined;
}

/** The key `liveHolders` answers a holder by. */
export const holderKey = (holder: TokenHolder): string => `${holder.accountId}|${holder.sessionId ?? ''}`;

/**
 * Which of `holders` may still act, by `holderKey`: the account exists and is not disabled,
 * and the sign-in the token came from is not logged out. One query for them all: at a rush
 * every request brings a token seen for the first time.
 */
export async function liveHolders(db: Db, holders: readonly TokenHolder[]): Promise<Set<string>> {
  // Ids come from tokens we signed; anything else cannot be live (and must not fail the batch).
  const valid = holders.filter((h) => isUuid(h.accountId) && (h.sessionId === undefined || isUuid(h.sessionId)));
  if (valid.length === 0) return new Set();
  const { rows } = await sql<{ account_id: string; session_id: string | null }>`
    select k.account_id, k.session_id
    from unnest(${valid.map((h) => h.accountId)}::uuid[], ${valid.map((h) => h.sessionId ?? null)}::uuid[]) as k(account_id, session_id)
    join accounts a on a.id = k.account_id and a.disabled_at is null
    where k.session_id is null
       or exists (select 1 from refresh_tokens r
                  where r.family_id = k.session_id and r.account_id = k.account_id and r.revoked_at is null)`.execute(db);
  return new Set(rows.map((r) => holderKey({ accountId: r.account_id, sessionId: r.session_id ?? undefined })));
}

/** Ends every sign-in of an account (password change or reset, account disabled). */
export async function endAllSessions(db: Db, accountId: string, now: Date): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}
