import { adminKitchen } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { daysBetween, LAST_LOCAL_DATE } from '../../domain/local-date.js';
import { ApiError } from '../../lib/api-error.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { createDietGroup, deleteDietGroup, listDietGroups, setChildDiet, updateDietGroup } from './diet-groups.js';
import { daySheet, mealCounts } from './meal-counts.js';

const tags = ['Agent: kitchen'];
/** Two weeks unless asked; two months at most (a day sheet per day beyond that is an export). */
const DEFAULT_DAYS = 14;
const MAX_DAYS = 62;

/** The kitchen's meal counts and printable day sheet. */
export function kitchenRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminKitchen.getMealCounts,
      {
        summary: 'Meals per site and day',
        description:
          'Canteen meals from `from` for `days` days (14 unless said, 62 at most) per site: booked days, absences reported late and holds still running, minus days cancelled in time, split by the town’s diet groups, with the instant each count becomes final.',
        tags,
        access: 'agent',
      },
      async ({ query }, c) => {
        const days = query.days === undefined ? DEFAULT_DAYS : Number(query.days);
        if (days < 1 || days > MAX_DAYS) {
          throw new ApiError(400, 'validation_failed', `days must be 1 to ${MAX_DAYS}.`, {
            errors: [{ path: 'query.days', message: `must be 1 to ${MAX_DAYS}` }],
          });
        }
        if (daysBetween(query.from, LAST_LOCAL_DATE) < days - 1) {
          throw new ApiError(400, 'validation_failed', `The period must end by ${LAST_LOCAL_DATE}.`, {
            errors: [{ path: 'query.from', message: `the period must end by ${LAST_LOCAL_DATE}` }],
          });
        }
        agentScope(c);
        return mealCounts(deps.db, requireCollectivity(c), { from: query.from, days }, deps.clock.now());
      },
    ),
    route(
      adminKitchen.getDaySheet,
      {
        summary: "A day's kitchen sheet",
        description:
          'Each site’s counts for the day and the children whose meal is particular (diet group, allergies). Shows health data: each read is recorded in the audit log.',
        tags,
        access: 'agent',
      },
      async ({ query }, c) => daySheet(deps.db, requireCollectivity(c), agentScope(c).accountId, query.date, deps.clock.now()),
    ),
    route(
      adminKitchen.listDietGroups,
      {
        summary: "The town's diet groups",
        description: 'In the counts’ order, each with how many children it holds.',
        tags,
        access: 'agent',
      },
      async (_input, c) => listDietGroups(deps.db, agentScope(c).collectivityId),
    ),
    route(
      adminKitchen.createDietGroup,
      {
        summary: 'Add a diet group',
        description: 'Sans porc, végétarien, PAI…: counted apart in the meal counts.',
        tags,
        access: 'agent',
      },
      async ({ body }, c) => createDietGroup(deps.db, agentScope(c).collectivityId, body),
    ),
    route(
      adminKitchen.updateDietGroup,
      {
        summary: 'Rename or move a diet group',
        description:
          '`position` is the index the group takes among the town’s groups (0 first); the others are renumbered around it. 409 when another group has the name.',
        tags,
        access: 'agent',
      },
      async ({ params, body }, c) => updateDietGroup(deps.db, agentScope(c).collectivityId, params.id, body),
    ),
    route(
      adminKitchen.deleteDietGroup,
      {
        summary: 'Delete a diet group',
        description: 'Its children are in no group afterwards; bookings are unchanged, the counts show them without a group.',
        tags,
        access: 'agent',
      },
      async ({ params }, c) => {
        await deleteDietGroup(deps.db, agentScope(c).collectivityId, params.id, deps.clock.now());
        return undefined;
      },
    ),
    route(
      adminKitchen.setChildDiet,
      { summary: "Set a child's diet group", description: '`null` takes the child out of every group.', tags, access: 'agent' },
      async ({ params, body }, c) =>
        setChildDiet(deps.db, agentScope(c).collectivityId, params.id, body.dietGroupId, deps.clock.now()),
    ),
  ];
}
