import type { adminFamilies } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';

/**
 * A household's guardians with the state of their account: `active` when they sign in,
 * `invited` while an activation link is valid, `none` otherwise.
 */
export async function guardianViews(
  db: Db,
  collectivityId: string,
  householdId: string,
  now: Date,
  guardianId?: string,
): Promise<adminFamilies.AdminGuardian[]> {
  let query = db
    .selectFrom('guardians')
    .select(['id', 'first_name', 'last_name', 'email', 'phone_mobile', 'relationship', 'account_id'])
    .where('collectivity_id', '=', collectivityId)
    .where('household_id', '=', householdId);
  if (guardianId) query = query.where('id', '=', guardianId);
  const guardians = await query.orderBy('created_at').execute();
  const invitations =
    guardians.length === 0
      ? []
      : await db
          .selectFrom('invitations')
          .select(['guardian_id', 'expires_at'])
          .where('collectivity_id', '=', collectivityId)
          .where('household_id', '=', householdId)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .execute();
  return guardians.map((g) => {
    const expiries = invitations.filter((i) => i.guardian_id === g.id).map((i) => new Date(i.expires_at).getTime());
    const invited = g.account_id === null && expiries.length > 0;
    return {
      id: g.id,
      firstName: g.first_name,
      lastName: g.last_name,
      email: g.email,
      phone: g.phone_mobile,
      relationship: g.relationship,
      account: g.account_id !== null ? 'active' : invited ? 'invited' : 'none',
      invitationExpiresAt: invited ? new Date(Math.max(...expiries)).toISOString() : null,
    };
  });
}
