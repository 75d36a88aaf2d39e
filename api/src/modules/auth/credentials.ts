import type { Context } from 'hono';
import type { QueryCreator } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { clientAddress } from '../../lib/client-address.js';
import { rateLimit } from '../../lib/rate-limit.js';

export const tooMany = (retryAfter: number) =>
  new ApiError(429, 'too_many_requests', 'Too many attempts. Wait a little before trying again.', {
    headers: { 'Retry-After': String(retryAfter) },
  });

/** What a password check did: give the attempt back (it was right) or leave it counted (it was wrong). */
export interface PasswordAttempt {
  succeeded(): Promise<void>;
  /** `succeeded`, as the start of the statement that follows it (a sign-in's session): one round trip. */
  succeededAlong(db: Db): QueryCreator<Database>;
  /** The check never ran (the hashing gate was full): the attempt is given back to every counter. */
  abandoned(): Promise<void>;
}

/**
 * Admits one password attempt on an account before any hashing, or throws 429. Three counters,
 * each taken atomically so that concurrent attempts cannot slip past them:
 * - account + address: a hard limit (the attacker's own address is stopped);
 * - address: a looser hard limit (one address trying many accounts);
 * - account from anywhere: a growing delay between attempts, never a lock, so that whoever
 *   knows a parent's email cannot keep that parent out from their own address.
 * `purpose` separates sign-in from password change, which are throttled the same way.
 */
export async function admitPasswordAttempt(
  deps: AppDeps,
  c: Context<AppEnv>,
  purpose: 'login' | 'password-change',
  email: string,
): Promise<PasswordAttempt> {
  const t = deps.config.throttle;
  const now = deps.clock.now();
  const account = email.toLowerCase();
  const address = clientAddress(c, deps.config.trustedProxies);
  const pairKey = `${purpose}:pair:${account}|${address}`;
  const addressKey = `${purpose}:address:${address}`;
  const accountKey = `${purpose}:account:${account}`;
  // Both hard limits, then the account's spacing if they admit, in one statement, before any hashing.
  const admission = await rateLimit.reserveAllThenSpace(
    deps.db,
    [
      { key: pairKey, limit: t.failuresPerAccountAndAddress, windowSeconds: t.windowSeconds },
      { key: addressKey, limit: t.failuresPerAddress, windowSeconds: t.windowSeconds },
    ],
    {
      key: accountKey,
      freeAttempts: t.accountFreeAttempts,
      windowSeconds: t.windowSeconds,
      firstDelaySeconds: t.accountFirstDelaySeconds,
      maxDelaySeconds: t.accountMaxDelaySeconds,
    },
    now,
  );
  if (!admission.admitted) throw tooMany(admission.retryAfter);
  return {
    async succeeded() {
      await rateLimit.clearAndForget(deps.db, [pairKey, accountKey], [addressKey]);
    },
    succeededAlong(db) {
      return rateLimit.clearingAndForgetting(db, [pairKey, accountKey], [addressKey]);
    },
    async abandoned() {
      await rateLimit.forget(deps.db, [pairKey, addressKey, accountKey]);
    },
  };
}

/**
 * Checks an email and password; the same answer whether the email is unknown or the password
 * wrong. An outdated hash (scrypt, or another argon2 cost) is replaced by the one just computed.
 * The attempt stays counted until the caller says it succeeded (see {@link checkCredentials}).
 */
export async function verifyCredentials(
  deps: AppDeps,
  c: Context<AppEnv>,
  email: string,
  password: string,
): Promise<{ accountId: string; attempt: PasswordAttempt }> {
  const attempt = await admitPasswordAttempt(deps, c, 'login', email);
  const account = await deps.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  const { valid, rehash } = await deps.passwords.verify(password, account?.password_hash).catch(async (err: unknown) => {
    await attempt.abandoned();
    throw err;
  });
  if (!account || !valid || account.disabled_at) {
    throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
  }
  if (rehash) {
    await deps.db
      .updateTable('accounts')
      .set({ password_hash: rehash, updated_at: deps.clock.now() })
      .where('id', '=', account.id)
      .execute();
  }
  return { accountId: account.id, attempt };
}

/** {@link verifyCredentials}, the attempt given back at once: the account's id. */
export async function checkCredentials(deps: AppDeps, c: Context<AppEnv>, email: string, password: string): Promise<string> {
  const { accountId, attempt } = await verifyCredentials(deps, c, email, password);
  await attempt.succeeded();
  return accountId;
}
