import type { adminHouseholds } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { notFound } from '../../lib/api-error.js';
import { audit } from '../../lib/audit.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';

/** What replaces erased names: the back office still shows a row, not a person. */
export const ANONYMISED_HOUSEHOLD_NAME = 'Foyer anonymisé';
export const ANONYMISED_FIRST_NAME = 'Anonyme';
/** An erased request text or message. */
export const ERASED_TEXT = '[effacé]';

export const ANONYMISED_ACTION = 'household.anonymised';

export interface AnonymiseInput {
  collectivityId: string;
  householdId: string;
  /** The agent who asked, or null for the retention sweeper. */
  actorAccountId: string | null;
  reason: string;
  now: Date;
}

/** When the household was anonymised, read from the (append-only) audit log. */
async function anonymisedAt(db: Db, collectivityId: string, householdId: string): Promise<Date | null> {
  const entry = await db
    .selectFrom('audit_log')
    .select('at')
    .where('collectivity_id', '=', collectivityId)
    .where('object_type', '=', 'household')
    .where('object_id', '=', householdId)
    .where('action', '=', ANONYMISED_ACTION)
    .orderBy('at')
    .executeTakeFirst();
  return entry ? new Date(entry.at) : null;
}

/**
 * Erases a household's personal data in one transaction (all or nothing) and records it in the
 * audit log, which also makes a second call harmless. Kept, and why (docs/privacy.md):
 * - issued invoices and credit notes with their lines and payments (accounting, 10 years), and
 *   the household's name when it has any, since it is the customer's name those invoices carry;
 * - bookings, enrolments and attendance, tied to anonymous children, for the service's statistics;
 * - each child's birth YEAR (statistics by age), the school and the department (not identifying alone).
 * Accounts used only for this household are disabled and their sign-ins revoked; an account that
 * is also a parent or an agent elsewhere only loses its access to this household.
 */
export async function anonymiseHousehold(
  db: Db,
  storage: AttachmentStorage,
  input: AnonymiseInput,
): Promise<adminHouseholds.HouseholdAnonymised> {
  const { collectivityId: c, householdId: h, now } = input;
  return db.transaction().execute(async (trx) => {
    const household = await trx
      .selectFrom('households')
      .select(['id', 'archived_at'])
      .where('collectivity_id', '=', c)
      .where('id', '=', h)
      .forUpdate()
      .executeTakeFirst();
    if (!household) throw notFound('household');
    const earlier = await anonymisedAt(trx, c, h);
    if (earlier) return { householdId: h, anonymisedAt: earlier.toISOString(), alreadyAnonymised: true };

    const invoiced = await trx
      .selectFrom('invoices')
      .select('id')
      .where('collectivity_id', '=', c)
      .where('household_id', '=', h)
      .where('status', '!=', 'draft')
      .executeTakeFirst();
    await trx
      .updateTable('households')
      .set({
        ...(invoiced ? {} : { name: ANONYMISED_HOUSEHOLD_NAME }),
        address: null,
        phone: null,
        family_quotient: null,
        join_code: null,
        external_id: null,
        archived_at: household.archived_at ?? now,
        updated_at: now,
      })
      .where('collectivity_id', '=', c)
      .where('id', '=', h)
      .execute();
    await trx.deleteFrom('family_quotients').where('collectivity_id', '=', c).where('household_id', '=', h).execute();
    await trx.deleteFrom('household_notes').where('collectivity_id', '=', c).where('household_id', '=', h).execute();
    await trx.deleteFrom('calendar_feeds').where('collectivity_id', '=', c).where('household_id', '=', h).execute();
    await trx.deleteFrom('invitations').where('collectivity_id', '=', c).where('household_id', '=', h).execute();
    await trx.deleteFrom('join_requests').where('collectivity_id', '=', c).where('household_id', '=', h).execute();

    const accounts = await disableAccounts(trx, c, h, now);
    await trx
      .updateTable('guardians')
      .set({
        first_name: ANONYMISED_FIRST_NAME,
        last_name: '',
        email: null,
        phone_mobile: null,
        phone_home: null,
        phone_work: null,
        relationship: null,
        account_id: null,
        updated_at: now,
      })
      .where('collectivity_id', '=', c)
      .where('household_id', '=', h)
      .execute();

    const children = await trx
      .selectFrom('children')
      .select(['id', 'birth_date'])
      .where('collectivity_id', '=', c)
      .where('household_id', '=', h)
      .execute();
    for (const child of children) {
      await trx
        .updateTable('children')
        .set({
          first_name: ANONYMISED_FIRST_NAME,
          last_name: '',
          // The year only: statistics by age; the day and month identify.
          birth_date: `${child.birth_date.slice(0, 4)}-01-01`,
          school_class: null,
          health_notes: null,
          allergies: [],
          care_plan: false,
          care_plan_notes: null,
          authorised_pickups: '[]',
          diet_group_id: null,
          updated_at: now,
        })
        .where('collectivity_id', '=', c)
        .where('id', '=', child.id)
        .execute();
    }

    await trx
      .updateTable('bookings')
      .set({ absence_reason: null, cancel_reason: null })
      .where('collectivity_id', '=', c)
      .where('household_id', '=', h)
      .execute();
    const carts = trx.selectFrom('carts').select('id').where('collectivity_id', '=', c).where('household_id', '=', h);
    await trx.deleteFrom('cart_lines').where('collectivity_id', '=', c).where('cart_id', 'in', carts).execute();

    const requests = trx.selectFrom('requests').select('id').where('collectivity_id', '=', c).where('household_id', '=', h);
    await trx
      .updateTable('request_messages')
      .set({ body: ERASED_TEXT })
      .where('collectivity_id', '=', c)
      .where('request_id', 'in', requests)
      .execute();
    await trx
      .updateTable('requests')
      .set({ answers: '{}', body: null, decision_reason: null, updated_at: now })
      .where('collectivity_id', '=', c)
      .where('household_id', '=', h)
      .execute();
    const documents = await trx
      .deleteFrom('attachments')
      .where('collectivity_id', '=', c)
      .where('household_id', '=', h)
      .returning('storage_key')
      .execute();
    await storage.remove(
      trx,
      documents.map((d) => ({ collectivityId: c, key: d.storage_key })),
    );

    await audit(trx, {
      collectivityId: c,
      actorAccountId: input.actorAccountId,
      action: ANONYMISED_ACTION,
      objectType: 'household',
      objectId: h,
      details: {
        reason: input.reason,
        children: children.length,
        documents: documents.length,
        accountsDisabled: accounts.disabled,
        invoicesKept: Boolean(invoiced),
      },
      at: now,
    });
    return { householdId: h, anonymisedAt: now.toISOString(), alreadyAnonymised: false };
  });
}

/**
 * Removes the household's parent memberships and revokes their sign-ins; an account with no
 * other membership anywhere is disabled and loses its email, name and password.
 */
async function disableAccounts(trx: Db, c: string, h: string, now: Date): Promise<{ disabled: number }> {
  const members = await trx
    .selectFrom('memberships')
    .select('account_id')
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .execute();
  const linked = await trx
    .selectFrom('guardians')
    .select('account_id')
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .where('account_id', 'is not', null)
    .execute();
  const accountIds = [...new Set([...members, ...linked].map((row) => row.account_id).filter((id): id is string => id !== null))];
  await trx.deleteFrom('memberships').where('collectivity_id', '=', c).where('household_id', '=', h).execute();
  if (accountIds.length === 0) return { disabled: 0 };
  await trx
    .updateTable('refresh_tokens')
    .set({ revoked_at: now })
    .where('account_id', 'in', accountIds)
    .where('revoked_at', 'is', null)
    .execute();
  const elsewhere = await trx
    .selectFrom('memberships')
    .select('account_id')
    .distinct()
    .where('account_id', 'in', accountIds)
    .execute();
  const alone = accountIds.filter((id) => !elsewhere.some((row) => row.account_id === id));
  for (const id of alone) {
    await trx
      .updateTable('accounts')
      .set({
        email: `anonymised-${id}@invalid.invalid`,
        display_name: '',
        password_hash: null,
        email_verified_at: null,
        disabled_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }
  if (alone.length > 0) {
    await trx.deleteFrom('password_reset_tokens').where('account_id', 'in', alone).execute();
    await trx.deleteFrom('email_change_tokens').where('account_id', 'in', alone).execute();
    await trx.deleteFrom('join_requests').where('collectivity_id', '=', c).where('account_id', 'in', alone).execute();
  }
  return { disabled: alone.length };
}
