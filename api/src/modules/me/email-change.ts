import type { EndpointInput, EndpointOutput, profile } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import { rateLimit } from '../../lib/rate-limit.js';
import { tooMany } from '../auth/credentials.js';
import { hashToken, newSecretToken } from '../auth/secret-tokens.js';
import { enqueueEmail } from '../mail/outbox.js';
import { linkWithToken } from '../mail/token-link.js';
import { emailAlreadyUsedEmail, emailChangeConfirmationEmail, emailChangedNoticeEmail } from './email-change-emails.js';

/** How long a confirmation link works. */
export const EMAIL_CHANGE_HOURS = 24;
/** Change requests per account and throttling window: each one sends an email. */
const REQUESTS_PER_WINDOW = 5;

const invalidToken = () =>
  new ApiError(404, 'invalid_token', {
    fr: 'Ce lien de confirmation n’est pas valable, a déjà servi ou a expiré. Demandez-en un nouveau.',
    en: 'This confirmation link is not valid, was already used or has expired. Ask for a new one.',
  });

/**
 * Starts a login email change: checks the password, then emails a single-use link to the new
 * address (only its hash is stored). A newer request replaces the pending one. When the address
 * already signs in to another account, its owner gets a notice instead of a link and the answer
 * is the same, so that this cannot tell who has an account.
 */
export async function requestEmailChange(
  deps: AppDeps,
  accountId: string,
  body: EndpointInput<typeof profile.requestEmailChange>['body'],
): Promise<void> {
  const now = deps.clock.now();
  const { windowSeconds } = deps.config.throttle;
  const hits = await rateLimit.hit(deps.db, `email-change:${accountId}`, { limit: REQUESTS_PER_WINDOW, windowSeconds }, now);
  if (hits > REQUESTS_PER_WINDOW) throw tooMany(windowSeconds);
  const account = await deps.db
    .selectFrom('accounts')
    .select(['email', 'password_hash'])
    .where('id', '=', accountId)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow(() => new ApiError(401, 'unauthenticated', 'This account no longer exists or is disabled.'));
  if (!(await deps.passwords.verify(body.password, account.password_hash)).valid) {
    throw new ApiError(400, 'invalid_credentials', 'The password is wrong.', {
      errors: [{ path: 'body.password', message: 'is wrong' }],
    });
  }
  const newEmail = body.newEmail.toLowerCase();
  if (newEmail === account.email) {
    throw new ApiError(400, 'same_email', 'This is already your login email.', {
      errors: [{ path: 'body.newEmail', message: 'is already your login email' }],
    });
  }
  const taken = await deps.db.selectFrom('accounts').select('id').where('email', '=', newEmail).executeTakeFirst();
  const portal = body.collectivity
    ? await deps.db
        .selectFrom('collectivities')
        .innerJoin('account_collectivities as ac', 'ac.collectivity_id', 'collectivities.id')
        .select('collectivities.portal_url')
        .where('collectivities.slug', '=', body.collectivity)
        .where('ac.account_id', '=', accountId)
        .executeTakeFirst()
    : undefined;
  await deps.db.transaction().execute(async (trx) => {
    if (taken) {
      await enqueueEmail(trx, emailAlreadyUsedEmail({ to: newEmail }), { now });
      return;
    }
    await trx
      .updateTable('email_change_tokens')
      .set({ used_at: now })
      .where('account_id', '=', accountId)
      .where('used_at', 'is', null)
      .execute();
    const token = newSecretToken();
    await trx
      .insertInto('email_change_tokens')
      .values({
        token_hash: hashToken(token),
        account_id: accountId,
        new_email: newEmail,
        collectivity_slug: body.collectivity ?? null,
        expires_at: new Date(now.getTime() + EMAIL_CHANGE_HOURS * 3600 * 1000),
        created_at: now,
      })
      .execute();
    const link = linkWithToken(portal?.portal_url ?? `${deps.config.publicUrl}/`, 'foyer-email-change', token);
    await enqueueEmail(trx, emailChangeConfirmationEmail({ to: newEmail, link, hours: EMAIL_CHANGE_HOURS }), {
      now,
    });
  });
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Applies a confirmed email change: the login, and the contact email of the guardians this
 * account signs in as. The link is spent, like any other pending change or password-reset link
 * (those went to the old address), and the old address is told. 409 when another account took
 * the address meanwhile.
 */
export async function confirmEmailChange(
  deps: AppDeps,
  body: EndpointInput<typeof profile.confirmEmailChange>['body'],
): Promise<EndpointOutput<typeof profile.confirmEmailChange>> {
  const now = deps.clock.now();
  const emailTaken = () =>
    new ApiError(409, 'email_taken', 'This address is already the login of another account: the change was not made.');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable('email_change_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', hashToken(body.token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['account_id', 'new_email'])
        .executeTakeFirst();
      if (!spent) throw invalidToken();
      const account = await trx
        .selectFrom('accounts')
        .select(['email'])
        .where('id', '=', spent.account_id)
        .where('disabled_at', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (!account) throw invalidToken();
      const other = await trx.selectFrom('accounts').select('id').where('email', '=', spent.new_email).executeTakeFirst();
      if (other) throw emailTaken();
      await trx
        .updateTable('accounts')
        .set({ email: spent.new_email, email_verified_at: now, updated_at: now })
        .where('id', '=', spent.account_id)
        .execute();
      // The guardian rows of this account, in each collectivity it belongs to.
      const tenants = await trx
        .selectFrom('account_collectivities')
        .select('collectivity_id')
        .where('account_id', '=', spent.account_id)
        .execute();
      if (tenants.length > 0) {
        await trx
          .updateTable('guardians')
          .set({ email: spent.new_email, updated_at: now })
          .where(
            'collectivity_id',
            'in',
            tenants.map((t) => t.collectivity_id),
          )
          .where('account_id', '=', spent.account_id)
          .execute();
      }
      for (const table of ['email_change_tokens', 'password_reset_tokens'] as const) {
        await trx
          .updateTable(table)
          .set({ used_at: now })
          .where('account_id', '=', spent.account_id)
          .where('used_at', 'is', null)
          .execute();
      }
      await enqueueEmail(trx, emailChangedNoticeEmail({ to: account.email, newEmail: spent.new_email }), { now });
      return { email: spent.new_email };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}
