import * as v from 'valibot';
import { IdField, Int, Text } from './admin-fields.js';
import { CollectivityParams, Id, Instant, LocalDate } from './common.js';
import { endpoint } from './endpoint.js';

/** The kitchen, the admins and the agents who order meals; animators take the roll call instead. */
const KITCHEN_ROLES = ['admin', 'agent', 'kitchen'] as const;

export const DietGroup = v.object({ id: Id, name: v.string() });

/** A diet group as the back office manages it: its place in the counts and how many children it holds. */
export const AdminDietGroup = v.object({
  ...DietGroup.entries,
  /** 0 first; groups of equal position follow by name. */
  position: v.number(),
  children: v.number(),
});
export type AdminDietGroup = v.InferOutput<typeof AdminDietGroup>;

/** A site's meals on a day, per diet group (`dietGroupId: null`: no group). */
export const MealDay = v.object({
  date: LocalDate,
  total: v.number(),
  byGroup: v.array(v.object({ dietGroupId: v.nullable(Id), count: v.number() })),
  /** After this instant neither a booking nor an absence reported in time changes the count. */
  finalAt: Instant,
  final: v.boolean(),
});

export const MealCounts = v.object({
  from: LocalDate,
  to: LocalDate,
  dietGroups: v.array(DietGroup),
  sites: v.array(v.object({ id: Id, name: v.string(), days: v.array(MealDay) })),
});
export type MealCounts = v.InferOutput<typeof MealCounts>;

export const MealCountsQuery = v.strictObject({
  from: LocalDate,
  /** How many days from `from`: 14 unless said, 62 at most. */
  days: v.optional(v.pipe(v.string(), v.regex(/^\d{1,2}$/, 'must be a number of days'))),
});

/** A day's sheet for the kitchen: the counts, and the children whose meal differs (diet, allergies). */
export const DaySheet = v.object({
  date: LocalDate,
  dietGroups: v.array(DietGroup),
  sites: v.array(
    v.object({
      id: Id,
      name: v.string(),
      day: MealDay,
      particular: v.array(
        v.object({
          child: v.object({ id: Id, firstName: v.string(), lastName: v.string() }),
          dietGroupId: v.nullable(Id),
          allergies: v.array(v.string()),
        }),
      ),
    }),
  ),
});
export type DaySheet = v.InferOutput<typeof DaySheet>;

export const getMealCounts = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/kitchen/meal-counts',
  params: CollectivityParams,
  query: MealCountsQuery,
  response: MealCounts,
  roles: [...KITCHEN_ROLES],
});
export const getDaySheet = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/kitchen/day-sheet',
  params: CollectivityParams,
  query: v.strictObject({ date: LocalDate }),
  response: DaySheet,
  roles: [...KITCHEN_ROLES],
});

/** A diet group as an admin creates it: its name and its place in the counts. */
export const DietGroupInput = v.strictObject({
  name: Text('le nom du régime', 80),
  position: v.optional(Int('la position', 0, 999)),
});
/**
 * A change to a diet group: a new name, or a new place in the counts (`position`: the index it
 * takes among the town's groups, the others renumbered around it).
 */
export const DietGroupUpdate = v.strictObject({
  name: v.optional(Text('le nom du régime', 80)),
  position: v.optional(Int('la position', 0, 999)),
});
const DietGroupParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });
/** A child's diet group; `null` takes the child out of every group. */
export const ChildDietInput = v.strictObject({ dietGroupId: v.nullable(IdField('le régime')) });

export const listDietGroups = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/diet-groups',
  params: CollectivityParams,
  response: v.object({ dietGroups: v.array(AdminDietGroup) }),
  roles: [...KITCHEN_ROLES],
});
export const createDietGroup = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/diet-groups',
  params: CollectivityParams,
  body: DietGroupInput,
  response: DietGroup,
  roles: ['admin'],
});
export const updateDietGroup = endpoint({
  method: 'PATCH',
  path: '/v1/collectivities/:c/admin/diet-groups/:id',
  params: DietGroupParams,
  body: DietGroupUpdate,
  response: AdminDietGroup,
  roles: ['admin'],
});
/** Deletes a diet group: its children are in no group afterwards (« Aucun »), their bookings unchanged. */
export const deleteDietGroup = endpoint({
  method: 'DELETE',
  path: '/v1/collectivities/:c/admin/diet-groups/:id',
  params: DietGroupParams,
  roles: ['admin'],
});
export const setChildDiet = endpoint({
  method: 'PUT',
  path: '/v1/collectivities/:c/admin/children/:id/diet-group',
  params: v.strictObject({ c: CollectivityParams.entries.c, id: Id }),
  body: ChildDietInput,
  response: v.object({ childId: Id, dietGroupId: v.nullable(Id) }),
  roles: ['admin', 'agent'],
});
