import { household, profile } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/api-error.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope } from '../../lib/scope.js';
import { createGuardian, householdProfile, listGuardians, updateGuardian, updateHousehold } from './household-profile.js';

type Scope = { collectivityId: string; householdId: string };

/** The household's children with their enrolments; `childId` narrows to one. */
export async function childrenOf(db: Db, scope: Scope, childId?: string): Promise<household.Child[]> {
  let query = db
    .selectFrom('children')
    .selectAll()
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId);
  if (childId) query = query.where('id', '=', childId);
  const children = await query.orderBy('birth_date').execute();
  if (children.length === 0) return [];
  const enrolments = await db
    .selectFrom('enrolments as e')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'e.collectivity_id').onRef('a.id', '=', 'e.activity_id'),
    )
    .innerJoin('services as s', (j) => j.onRef('s.collectivity_id', '=', 'a.collectivity_id').onRef('s.id', '=', 'a.service_id'))
    .innerJoin('sites as t', (j) => j.onRef('t.collectivity_id', '=', 'a.collectivity_id').onRef('t.id', '=', 'a.site_id'))
    .select([
      'e.id',
      'e.child_id',
      'e.from_date',
      'e.to_date',
      'a.id as activity_id',
      'a.code',
      'a.name as activity_name',
      's.id as service_id',
      's.name as service_name',
      't.id as site_id',
      't.name as site_name',
    ])
    .where('e.collectivity_id', '=', scope.collectivityId)
    .where(
      'e.child_id',
      'in',
      children.map((c) => c.id),
    )
    .where('e.ended_at', 'is', null)
    .orderBy('s.position')
    .orderBy('a.position')
    .execute();
  return children.map((child) => ({
    id: child.id,
    firstName: child.first_name,
    lastName: child.last_name,
    birthDate: child.birth_date,
    school: child.school,
    schoolClass: child.school_class,
    allergies: child.allergies,
    carePlan: child.care_plan,
    carePlanNotes: child.care_plan_notes,
    authorisedPickups: child.authorised_pickups,
    enrolments: enrolments
      .filter((e) => e.child_id === child.id)
      .map((e) => ({
        id: e.id,
        activity: { id: e.activity_id, code: e.code, name: e.activity_name },
        service: { id: e.service_id, name: e.service_name },
        site: { id: e.site_id, name: e.site_name },
        from: e.from_date,
        to: e.to_date,
      })),
  }));
}

export function householdRoutes(deps: AppDeps): Route[] {
  const tags = ['Household'];
  return [
    route(household.getHousehold, { summary: 'My household in this collectivity', tags, access: 'parent' }, async (_input, c) =>
      householdProfile(deps.db, householdScope(c)),
    ),
    route(
      profile.updateHousehold,
      {
        summary: "Change my household's name, département or phone",
        description:
          'The home address is not changed here (an unknown field is refused): send a request of the address category, with a proof of address.',
        tags,
        access: 'parent',
      },
      async ({ body }, c) => updateHousehold(deps.db, householdScope(c), body, deps.clock.now()),
    ),
    route(profile.listGuardians, { summary: "My household's guardians", tags, access: 'parent' }, async (_input, c) => ({
      guardians: await listGuardians(deps.db, householdScope(c)),
    })),
    route(profile.createGuardian, { summary: 'Add a guardian to my household', tags, access: 'parent' }, async ({ body }, c) =>
      createGuardian(deps.db, householdScope(c), body, deps.clock.now()),
    ),
    route(
      profile.updateGuardian,
      {
        summary: 'Edit a guardian of my household',
        description:
          'The email of a guardian who signs in is their login: it changes through `POST /v1/me/email` (409 `email_is_login`).',
        tags,
        access: 'parent',
      },
      async ({ params, body }, c) => updateGuardian(deps.db, householdScope(c), params.id, body, deps.clock.now()),
    ),
    route(
      household.listChildren,
      { summary: 'My children, with their enrolments', tags, access: 'parent' },
      async (_input, c) => ({
        children: await childrenOf(deps.db, householdScope(c)),
      }),
    ),
    route(household.getChild, { summary: 'One of my children', tags, access: 'parent' }, async ({ params }, c) => {
      const [child] = await childrenOf(deps.db, householdScope(c), params.id);
      if (!child) throw notFound('child');
      return child;
    }),
  ];
}
