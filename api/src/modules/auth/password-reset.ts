import type { auth } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { InferOutput } from 'valibot';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { clientAddress } from '../../lib/client-address.js';
import { rateLimit } from '../../lib/rate-limit.js';
import { enqueueEmail } from '../mail/outbox.js';
import { passwordResetEmail } from '../mail/templates.js';
import { linkWithToken } from '../mail/token-link.js';
import { isCommonPassword } from './common-passwords.js';
import { admitPasswordAttempt, tooMany } from './credentials.js';
import { hashToken, newSecretToken } from './secret-tokens.js';
import { endAllSessions } from './sessions.js';

function refuseCommon(password: string, email: string, field: string): void {
  if (isCommonPassword(password, email)) {
    throw new ApiError(400, 'password_too_common', 'This password is too common: choose another one.', {
      errors: [{ path: field, message: 'is too common' }],
    });
  }
}

/**
 * Sends a reset link if the email has an account. The answer never says whether it does;
 * throttling per email and per address keeps this from being used to flood a mailbox.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  c: Context<AppEnv>,
  body: InferOutput<typeof auth.PasswordResetBody>,
): Promise<void> {
  // A duration, not an instant: how long this answer has taken, whatever the clock says.
  const answerAt = performance.now() + deps.config.throttle.resetAnswerMs;
  try {
    await sendResetLink(deps, c, body);
  } finally {
    const early = answerAt - performance.now();
    if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
  }
}

async function sendResetLink(deps: AppDeps, c: Context<AppEnv>, body: InferOutput<typeof auth.PasswordResetBody>): Promise<void> {
  const now = deps.clock.now();
  const email = body.email.toLowerCase();
  const { windowSeconds, emailsPerAddress } = deps.config.throttle;
  for (const [key, limit] of [
    [`reset:account:${email}`, 3],
    [`reset:address:${clientAddress(c, deps.config.trustedProxies)}`, emailsPerAddress],
  ] as const) {
    const hits = await rateLimit.hit(deps.db, key, { limit, windowSeconds }, now);
    if (hits > limit) throw tooMany(windowSeconds);
  }
  const account = await deps.db
    .selectFrom('accounts')
    .select(['id'])
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!account) return;
  const portal = body.collectivity
    ? await deps.db
        .selectFrom('collectivities')
        .innerJoin('account_collectivities as ac', 'ac.collectivity_id', 'collectivities.id')
        .select('collectivities.portal_url')
        .where('collectivities.slug', '=', body.collectivity)
        .where('ac.account_id', '=', account.id)
        .executeTakeFirst()
    : undefined;
  const token = newSecretToken();
  const link = linkWithToken(portal?.portal_url ?? `${deps.config.publicUrl}/`, 'foyer-reset', token);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_reset_tokens')
      .values({
        token_hash: hashToken(token),
        account_id: account.id,
        collectivity_slug: body.collectivity ?? null,
        expires_at: new Date(now.getTime() + deps.config.auth.resetSeconds * 1000),
      })
      .execute();
    await enqueueEmail(trx, passwordResetEmail({ to: email, link, minutes: deps.config.auth.resetSeconds / 60 }), { now });
  });
}

/** Sets the new password from a reset link, spends every reset link and ends every session. */
export async function confirmPasswordReset(
  deps: AppDeps,
  body: InferOutput<typeof auth.PasswordResetConfirmBody>,
): Promise<void> {
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('password_reset_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['t.account_id', 't.expires_at', 't.used_at', 'a.email'])
    .where('t.token_hash', '=', hashToken(body.token))
    .executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at) <= now) {
    throw new ApiError(404, 'invalid_token', {
      fr: 'Ce lien de réinitialisation n’est pas valable ou a expiré. Demandez-en un nouveau.',
      en: 'This reset link is not valid or has expired. Ask for a new one.',
    });
  }
  refuseCommon(body.password, row.email, 'body.password');
  const passwordHash = await deps.passwords.hash(body.password);
  await deps.db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('account_id', '=', row.account_id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (spent.numUpdatedRows === 0n)
      throw new ApiError(404, 'invalid_token', {
        fr: 'Ce lien de réinitialisation a déjà servi.',
        en: 'This reset link has already been used.',
      });
    await trx
      .updateTable('accounts')
      .set({ password_hash: passwordHash, updated_at: now })
      .where('id', '=', row.account_id)
      .execute();
    await endAllSessions(trx, row.account_id, now);
  });
}

/** Changes the password of a signed-in account after checking the current one. */
export async function changePassword(
  deps: AppDeps,
  c: Context<AppEnv>,
  accountId: string,
  body: InferOutput<typeof auth.ChangePasswordBody>,
): Promise<void> {
  const now = deps.clock.now();
  const account = await deps.db
    .selectFrom('accounts')
    .select(['email', 'password_hash'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  // A stolen access token must not become a password-guessing oracle: the same throttle as sign-in.
  const attempt = await admitPasswordAttempt(deps, c, 'password-change', account.email);
  const { valid } = await deps.passwords.verify(body.currentPassword, account.password_hash).catch(async (err: unknown) => {
    await attempt.abandoned();
    throw err;
  });
  if (!valid) {
    throw new ApiError(400, 'invalid_credentials', 'The current password is wrong.', {
      errors: [{ path: 'body.currentPassword', message: 'is wrong' }],
    });
  }
  await attempt.succeeded();
  refuseCommon(body.newPassword, account.email, 'body.newPassword');
  const passwordHash = await deps.passwords.hash(body.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', accountId).execute();
    await endAllSessions(trx, accountId, now);
  });
}
