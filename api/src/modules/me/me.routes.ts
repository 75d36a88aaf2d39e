import { me, profile } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { unauthenticated } from '../../lib/api-error.js';
import { type Route, route } from '../../lib/route.js';
import { requireCaller } from '../../lib/scope.js';
import { confirmEmailChange, EMAIL_CHANGE_HOURS, requestEmailChange } from './email-change.js';

export function meRoutes(deps: AppDeps): Route[] {
  return [
    route(
      me.getMe,
      { summary: 'The signed-in account and its memberships', tags: ['Me'], access: 'account' },
      async (_input, c) => {
        const caller = requireCaller(c);
        const account = await deps.db
          .selectFrom('accounts')
          .select(['id', 'email', 'display_name'])
          .where('id', '=', caller.accountId)
          .where('disabled_at', 'is', null)
          .executeTakeFirstOrThrow(() => unauthenticated('This account no longer exists or is disabled.'));
        // The global directory names the collectivities; memberships are read in each of them.
        const rows = await deps.db
          .selectFrom('account_collectivities as ac')
          .innerJoin('collectivities as c', 'c.id', 'ac.collectivity_id')
          .innerJoin('memberships as m', (join) =>
            join.onRef('m.collectivity_id', '=', 'ac.collectivity_id').onRef('m.account_id', '=', 'ac.account_id'),
          )
          .leftJoin('households as h', (join) =>
            join.onRef('h.collectivity_id', '=', 'm.collectivity_id').onRef('h.id', '=', 'm.household_id'),
          )
          .select(['c.slug', 'c.name', 'm.kind', 'm.role', 'h.id as household_id', 'h.name as household_name'])
          .where('ac.account_id', '=', caller.accountId)
          .orderBy('c.name')
          .orderBy('m.kind')
          .execute();
        return {
          account: { id: account.id, email: account.email, displayName: account.display_name },
          memberships: rows.flatMap((row): me.Membership[] => {
            const collectivity = { slug: row.slug, name: row.name };
            if (row.kind === 'parent' && row.household_id && row.household_name !== null) {
              return [{ kind: 'parent' as const, collectivity, household: { id: row.household_id, name: row.household_name } }];
            }
            if (row.kind === 'agent' && row.role) return [{ kind: 'agent' as const, collectivity, role: row.role }];
            return [];
          }),
        };
      },
    ),
    route(
      profile.requestEmailChange,
      {
        summary: 'Change my login email',
        description: `Checks the password and emails a confirmation link to the new address, valid ${EMAIL_CHANGE_HOURS} hours and single use; the login changes when it is confirmed. Answers 202 whether or not the address already has an account.`,
        tags: ['Me'],
        access: 'account',
      },
      async ({ body }, c) => {
        await requestEmailChange(deps, requireCaller(c).accountId, body);
        return c.body(null, 202);
      },
    ),
    route(
      profile.confirmEmailChange,
      {
        summary: 'Confirm a new login email from its link',
        description:
          'The token from the emailed link is enough (it may be opened on another device). 404 `invalid_token` for a used, replaced or expired link; 409 `email_taken` if another account took the address meanwhile.',
        tags: ['Me'],
        access: 'public',
      },
      async ({ body }) => confirmEmailChange(deps, body),
    ),
  ];
}
