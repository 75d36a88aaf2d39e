import type { auth } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { InferOutput } from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { enqueueEmail } from '../mail/outbox.js';
import { invitationEmail } from '../mail/templates.js';
import { linkWithToken } from '../mail/token-link.js';
import { isCommonPassword } from './common-passwords.js';
import { checkCredentials } from './credentials.js';
import { collectivityOfInvitationToken, hashToken, newInvitationToken } from './secret-tokens.js';

const invalidLink = () =>
  new ApiError(404, 'invalid_token', {
    fr: 'Ce lien d’activation n’est pas valable ou a expiré. Demandez-en un nouveau à votre mairie.',
    en: 'This activation link is not valid or has expired. Ask your town hall for a new one.',
  });

/** Creates an invitation for a guardian and queues its email, in the caller's transaction. */
export async function inviteGuardian(
  deps: Pick<AppDeps, 'clock' | 'config'>,
  trx: Db,
  input: { collectivityId: string; householdId: string; guardianId: string; email: string; invitedBy: string | null },
): Promise<{ expiresAt: Date }> {
  const now = deps.clock.now();
  const token = newInvitationToken(input.collectivityId);
  const expiresAt = new Date(now.getTime() + deps.config.auth.invitationSeconds * 1000);
  await trx
    .insertInto('invitations')
    .values({
      collectivity_id: input.collectivityId,
      token_hash: hashToken(token),
      household_id: input.householdId,
      guardian_id: input.guardianId,
      email: input.email.toLowerCase(),
      created_by: input.invitedBy,
      expires_at: expiresAt,
    })
    .execute();
  const place = await trx
    .selectFrom('collectivities')
    .innerJoin('households', 'households.collectivity_id', 'collectivities.id')
    .select(['collectivities.name', 'collectivities.portal_url', 'households.name as household_name'])
    .where('collectivities.id', '=', input.collectivityId)
    .where('households.collectivity_id', '=', input.collectivityId)
    .where('households.id', '=', input.householdId)
    .executeTakeFirstOrThrow();
  const link = linkWithToken(place.portal_url ?? `${deps.config.publicUrl}/`, 'foyer-invitation', token);
  await enqueueEmail(
    trx,
    invitationEmail({
      to: input.email,
      collectivityName: place.name,
      householdName: place.household_name,
      link,
      expiresAt,
    }),
    { now, collectivityId: input.collectivityId },
  );
  return { expiresAt };
}

async function findInvitation(db: Db, token: string, now: Date) {
  const collectivityId = collectivityOfInvitationToken(token);
  if (!collectivityId) return undefined;
  const row = await db
    .selectFrom('invitations as i')
    .innerJoin('collectivities as c', 'c.id', 'i.collectivity_id')
    .innerJoin('households as h', (join) =>
      join.onRef('h.collectivity_id', '=', 'i.collectivity_id').onRef('h.id', '=', 'i.household_id'),
    )
    .select([
      'i.collectivity_id',
      'i.household_id',
      'i.guardian_id',
      'i.email',
      'i.expires_at',
      'i.used_at',
      'c.slug',
      'c.name',
      'h.name as household_name',
    ])
    .where('i.collectivity_id', '=', collectivityId)
    .where('i.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at) <= now) return undefined;
  return row;
}

/** What an invitation is for, so the activation form can say it and ask the right password. */
export async function describeInvitation(deps: AppDeps, token: string): Promise<InferOutput<typeof auth.Invitation>> {
  const invitation = await findInvitation(deps.db, token, deps.clock.now());
  if (!invitation) throw invalidLink();
  const account = await deps.db.selectFrom('accounts').select('id').where('email', '=', invitation.email).executeTakeFirst();
  return {
    email: invitation.email,
    collectivity: { slug: invitation.slug, name: invitation.name },
    household: { name: invitation.household_name },
    accountExists: account !== undefined,
    expiresAt: new Date(invitation.expires_at).toISOString(),
  };
}

/**
 * Activates an invitation. A new email gets an account with the chosen password; an email
 * that already has an account (another town, the invoices portal) is linked to the household
 * after its current password is checked — one login for all, never a duplicate.
 */
export async function activateInvitation(
  deps: AppDeps,
  c: Context<AppEnv>,
  body: InferOutput<typeof auth.ActivateBody>,
): Promise<string> {
  const now = deps.clock.now();
  const invitation = await findInvitation(deps.db, body.token, now);
  if (!invitation) throw invalidLink();
  const existing = await deps.db.selectFrom('accounts').select('id').where('email', '=', invitation.email).executeTakeFirst();
  let newHash: string | undefined;
  if (existing) {
    await checkCredentials(deps, c, invitation.email, body.password);
  } else {
    if (isCommonPassword(body.password, invitation.email)) {
      throw new ApiError(400, 'password_too_common', 'This password is too common: choose another one.', {
        errors: [{ path: 'body.password', message: 'is too common' }],
      });
    }
    newHash = await deps.passwords.hash(body.password);
  }
  return deps.db.transaction().execute(async (trx) => {
    // Spend the token first: of two concurrent activations, one wins and the other finds it used.
    const spent = await trx
      .updateTable('invitations')
      .set({ used_at: now })
      .where('collectivity_id', '=', invitation.collectivity_id)
      .where('token_hash', '=', hashToken(body.token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (spent.numUpdatedRows === 0n) throw invalidLink();
    const accountId =
      existing?.id ??
      (
        await trx
          .insertInto('accounts')
          .values({
            email: invitation.email,
            password_hash: newHash ?? null,
            display_name: [body.firstName, body.lastName].filter(Boolean).join(' '),
            email_verified_at: now,
          })
          .onConflict((oc) => oc.column('email').doNothing())
          .returning('id')
          .executeTakeFirstOrThrow(
            () => new ApiError(409, 'conflict', 'This email was activated at the same moment: sign in instead.'),
          )
      ).id;
    const other = await trx
      .selectFrom('memberships')
      .select('household_id')
      .where('collectivity_id', '=', invitation.collectivity_id)
      .where('account_id', '=', accountId)
      .where('kind', '=', 'parent')
      .executeTakeFirst();
    if (other && other.household_id !== invitation.household_id) {
      throw new ApiError(
        409,
        'conflict',
        'This account already manages another household in this collectivity. Contact your town hall.',
      );
    }
    if (!other) {
      await trx
        .insertInto('memberships')
        .values({
          collectivity_id: invitation.collectivity_id,
          account_id: accountId,
          kind: 'parent',
          household_id: invitation.household_id,
        })
        .execute();
    }
    await trx
      .insertInto('account_collectivities')
      .values({ account_id: accountId, collectivity_id: invitation.collectivity_id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .updateTable('guardians')
      .set({
        account_id: accountId,
        updated_at: now,
        ...(body.firstName ? { first_name: body.firstName } : {}),
        ...(body.lastName ? { last_name: body.lastName } : {}),
        ...(body.phone ? { phone_mobile: body.phone } : {}),
      })
      .where('collectivity_id', '=', invitation.collectivity_id)
      .where('id', '=', invitation.guardian_id)
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        collectivity_id: invitation.collectivity_id,
        actor_account_id: accountId,
        action: existing ? 'invitation.linked_existing_account' : 'invitation.activated',
        object_type: 'household',
        object_id: invitation.household_id,
        details: JSON.stringify({ guardianId: invitation.guardian_id }),
      })
      .execute();
    return accountId;
  });
}
