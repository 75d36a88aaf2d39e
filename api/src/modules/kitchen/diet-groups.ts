import type { adminKitchen, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { ApiError, notFound } from '../../lib/api-error.js';

type DietGroups = EndpointOutput<typeof adminKitchen.listDietGroups>;
type DietGroup = EndpointOutput<typeof adminKitchen.createDietGroup>;
type DietGroupInput = EndpointInput<typeof adminKitchen.createDietGroup>['body'];

export async function listDietGroups(db: Db, collectivityId: string): Promise<DietGroups> {
  const rows = await db
    .selectFrom('diet_groups')
    .select(['id', 'name'])
    .where('collectivity_id', '=', collectivityId)
    .orderBy('position')
    .orderBy('name')
    .execute();
  return { dietGroups: rows };
}

/** Adds a diet group; two groups of one town never share a name (409). */
export async function createDietGroup(db: Db, collectivityId: string, input: DietGroupInput): Promise<DietGroup> {
  const taken = await db
    .selectFrom('diet_groups')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()))
    .executeTakeFirst();
  if (taken) throw new ApiError(409, 'conflict', { fr: 'Ce régime existe déjà.', en: 'This diet group already exists.' });
  return db
    .insertInto('diet_groups')
    .values({ collectivity_id: collectivityId, name: input.name, position: input.position ?? 0 })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/** Puts a child of the collectivity in one of its diet groups, or none. */
export async function setChildDiet(
  db: Db,
  collectivityId: string,
  childId: string,
  dietGroupId: string | null,
  now: Date,
): Promise<{ childId: string; dietGroupId: string | null }> {
  if (dietGroupId !== null) {
    const group = await db
      .selectFrom('diet_groups')
      .select('id')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', dietGroupId)
      .executeTakeFirst();
    if (!group) throw notFound('diet group');
  }
  const updated = await db
    .updateTable('children')
    .set({ diet_group_id: dietGroupId, updated_at: now })
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', childId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw notFound('child');
  return { childId, dietGroupId };
}
