import { adminEnrolments, adminFamilies } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { createEnrolment, endEnrolment, listEnrolments, updateEnrolment } from './enrolments.js';
import { householdFile } from './household-file.js';
import { listHouseholds } from './household-list.js';
import {
  addNote,
  createGuardian,
  type FamilyScope,
  resendInvitation,
  saveChild,
  setQuotient,
  updateGuardian,
  updateHousehold,
} from './household-writes.js';

const doc = (summary: string, description?: string): RouteDoc => ({
  summary,
  ...(description ? { description } : {}),
  tags: ['Agent: families'],
  access: 'agent',
});

const scopeOf = (c: Context<AppEnv>): FamilyScope => ({
  collectivity: requireCollectivity(c),
  accountId: agentScope(c).accountId,
});

/** The families' screens: households, guardians, children, quotients, notes and enrolments. */
export function adminFamilyRoutes(deps: AppDeps): Route[] {
  const file = (c: Context<AppEnv>, id: string) => householdFile(deps.db, agentScope(c).collectivityId, id, deps.clock.now());
  return [
    route(
      adminFamilies.listHouseholds,
      doc(
        'Search households',
        '`q` searches the household name, children’s and guardians’ names and guardians’ emails; sorted and paginated by the server (`total` counts every match).',
      ),
      async ({ query }, c) => listHouseholds(deps.db, agentScope(c).collectivityId, query),
    ),
    route(adminFamilies.getHousehold, doc("A household's file"), async ({ params }, c) => file(c, params.id)),
    route(adminFamilies.updateHousehold, doc('Change or archive a household'), async ({ params, body }, c) => {
      await updateHousehold(deps, scopeOf(c), params.id, body);
      return file(c, params.id);
    }),
    route(
      adminFamilies.createGuardian,
      doc('Add a guardian', '`invite: true` emails an activation link.'),
      async ({ params, body }, c) => createGuardian(deps, scopeOf(c), params.id, body),
    ),
    route(adminFamilies.updateGuardian, doc('Change a guardian'), async ({ params, body }, c) =>
      updateGuardian(deps, scopeOf(c), params.id, params.guardianId, body),
    ),
    route(
      adminFamilies.inviteGuardian,
      doc('Send a guardian’s activation link (again)', 'A guardian who already signs in answers 409 `guardian_active`.'),
      async ({ params }, c) => resendInvitation(deps, scopeOf(c), params.id, params.guardianId),
    ),
    route(adminFamilies.createChild, doc('Add a child'), async ({ params, body }, c) =>
      saveChild(deps, scopeOf(c), params.id, undefined, body),
    ),
    route(adminFamilies.updateChild, doc('Change a child'), async ({ params, body }, c) =>
      saveChild(deps, scopeOf(c), params.id, params.childId, body),
    ),
    route(
      adminFamilies.setQuotient,
      doc('Record a family quotient from a date', 'Prices follow the quotient in force.'),
      async ({ params, body }, c) => {
        await setQuotient(deps, scopeOf(c), params.id, body);
        return file(c, params.id);
      },
    ),
    route(adminFamilies.addNote, doc("Add a note to a household's file"), async ({ params, body }, c) =>
      addNote(deps, scopeOf(c), params.id, body.body),
    ),
    route(adminEnrolments.listEnrolments, doc('List enrolments'), async ({ query }, c) => ({
      enrolments: await listEnrolments(deps.db, agentScope(c).collectivityId, query),
    })),
    route(
      adminEnrolments.createEnrolment,
      doc('Enrol a child in an activity', 'From then on the family books the activity’s days.'),
      async ({ body }, c) => createEnrolment(deps, scopeOf(c), body),
    ),
    route(adminEnrolments.updateEnrolment, doc('Change an enrolment'), async ({ params, body }, c) =>
      updateEnrolment(deps, scopeOf(c), params.id, body),
    ),
    route(adminEnrolments.endEnrolment, doc('End an enrolment', 'Bookings already made stay.'), async ({ params }, c) =>
      endEnrolment(deps, scopeOf(c), params.id),
    ),
  ];
}
