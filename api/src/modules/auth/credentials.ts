import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { clientAddress } from '../../lib/client-address.js';
import { rateLimit } from '../../lib/rate-limit.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

// A real hash at the configured cost: unknown emails take as long to refuse as wrong passwords.
const dummyHashes = new Map<number, Promise<string>>();
function dummyHash(log2N: number): Promise<string> {
  let hash = dummyHashes.get(log2N);
  if (!hash) {
    hash = hashPassword(crypto.randomUUID(), log2N);
    dummyHashes.set(log2N, hash);
  }
  return hash;
}

export const tooMany = (retryAfter: number) =>
  new ApiError(429, 'too_many_requests', 'Too many attempts. Wait a little before trying again.', {
    headers: { 'Retry-After': String(retryAfter) },
  });

/** Refuses a sign-in attempt while the account or the address has too many recent failures. */
export async function guardLogin(
  deps: AppDeps,
  c: Context<AppEnv>,
  email: string,
): Promise<{ fail(): Promise<void>; succeed(): Promise<void> }> {
  const { windowSeconds, loginFailuresPerAccount, loginFailuresPerAddress } = deps.config.throttle;
  const now = deps.clock.now();
  const accountKey = `login:account:${email.toLowerCase()}`;
  const addressKey = `login:address:${clientAddress(c, deps.config.trustProxy)}`;
  for (const [key, limit] of [
    [accountKey, loginFailuresPerAccount],
    [addressKey, loginFailuresPerAddress],
  ] as const) {
    const state = await rateLimit.peek(deps.db, key, { limit, windowSeconds }, now);
    if (state.blocked) throw tooMany(state.retryAfter);
  }
  return {
    async fail() {
      await rateLimit.hit(deps.db, accountKey, { limit: loginFailuresPerAccount, windowSeconds }, now);
      await rateLimit.hit(deps.db, addressKey, { limit: loginFailuresPerAddress, windowSeconds }, now);
    },
    async succeed() {
      await rateLimit.clear(deps.db, accountKey);
    },
  };
}

/** Checks an email and password; the same answer whether the email is unknown or the password wrong. */
export async function checkCredentials(deps: AppDeps, c: Context<AppEnv>, email: string, password: string): Promise<string> {
  const guard = await guardLogin(deps, c, email);
  const account = await deps.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  const valid = await verifyPassword(password, account?.password_hash ?? (await dummyHash(deps.config.auth.scryptLog2N)));
  if (!account?.password_hash || !valid || account.disabled_at) {
    await guard.fail();
    throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
  }
  await guard.succeed();
  return account.id;
}
