import { adminHouseholds } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope } from '../../lib/scope.js';
import { inviteGuardian } from '../auth/invitations.js';

/** An external id names one family of the collectivity: a second one is a conflict, not a 500. */
async function refuseTakenExternalId(deps: AppDeps, collectivityId: string, externalId: string): Promise<void> {
  const taken = await deps.db
    .selectFrom('households')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  if (taken) {
    throw new ApiError(409, 'conflict', "body.externalId: cet identifiant externe est déjà celui d'un autre foyer", {
      errors: [{ path: 'body.externalId', message: "cet identifiant externe est déjà celui d'un autre foyer" }],
    });
  }
}

export function adminHouseholdRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminHouseholds.createHousehold,
      {
        summary: 'Create a household and invite its first guardian',
        description:
          'Creates the household, its first guardian and children, and emails the guardian an activation link. If the email already has an account, activation links the household to it.',
        tags: ['Agent: households'],
        access: 'agent',
      },
      async ({ body }, c) => {
        const { collectivityId, accountId } = agentScope(c);
        const now = deps.clock.now();
        if (body.externalId) await refuseTakenExternalId(deps, collectivityId, body.externalId);
        return deps.db.transaction().execute(async (trx) => {
          const household = await trx
            .insertInto('households')
            .values({
              collectivity_id: collectivityId,
              name: body.name,
              department: body.department ?? null,
              address: body.address ? JSON.stringify(body.address) : null,
              family_quotient: body.familyQuotient ?? null,
              resident: body.resident ?? true,
              external_id: body.externalId ?? null,
              created_at: now,
              updated_at: now,
            })
            .returning(['id', 'name'])
            .executeTakeFirstOrThrow();
          const guardian = await trx
            .insertInto('guardians')
            .values({
              collectivity_id: collectivityId,
              household_id: household.id,
              first_name: body.guardian.firstName,
              last_name: body.guardian.lastName,
              email: body.guardian.email.toLowerCase(),
              phone_mobile: body.guardian.phone ?? null,
              relationship: body.guardian.relationship ?? null,
            })
            .returning(['id', 'email'])
            .executeTakeFirstOrThrow();
          const children =
            body.children && body.children.length > 0
              ? await trx
                  .insertInto('children')
                  .values(
                    body.children.map((child) => ({
                      collectivity_id: collectivityId,
                      household_id: household.id,
                      first_name: child.firstName,
                      last_name: child.lastName,
                      birth_date: child.birthDate,
                      school: child.school ?? null,
                      school_class: child.schoolClass ?? null,
                      authorised_pickups: '[]',
                    })),
                  )
                  .returning(['id', 'first_name'])
                  .execute()
              : [];
          const invitation = await inviteGuardian(deps, trx, {
            collectivityId,
            householdId: household.id,
            guardianId: guardian.id,
            email: body.guardian.email,
            invitedBy: accountId,
          });
          await trx
            .insertInto('audit_log')
            .values({
              collectivity_id: collectivityId,
              actor_account_id: accountId,
              at: now,
              action: 'household.created',
              object_type: 'household',
              object_id: household.id,
              details: JSON.stringify({ guardianId: guardian.id, children: children.length }),
            })
            .execute();
          return {
            household,
            guardian: { id: guardian.id, email: guardian.email ?? body.guardian.email },
            children: children.map((child) => ({ id: child.id, firstName: child.first_name })),
            invitation: { email: body.guardian.email.toLowerCase(), expiresAt: invitation.expiresAt.toISOString() },
          };
        });
      },
    ),
  ];
}
