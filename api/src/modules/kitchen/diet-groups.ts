import type { adminKitchen, EndpointInput, EndpointOutput } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { ApiError, notFound } from '../../lib/api-error.js';

type DietGroups = EndpointOutput<typeof adminKitchen.listDietGroups>;
type DietGroup = EndpointOutput<typeof adminKitchen.createDietGroup>;
type DietGroupInput = EndpointInput<typeof adminKitchen.createDietGroup>['body'];
type DietGroupUpdate = EndpointInput<typeof adminKitchen.updateDietGroup>['body'];
type AdminDietGroup = DietGroups['dietGroups'][number];

/** The town's diet groups in the counts' order, each with how many children it holds. */
export async function listDietGroups(db: Db, collectivityId: string): Promise<DietGroups> {
  const rows = await db
    .selectFrom('diet_groups as g')
    .select((eb) => [
      'g.id',
      'g.name',
      'g.position',
      eb
        .selectFrom('children as ch')
        .select((c) => c.fn.countAll<string>().as('n'))
        .whereRef('ch.collectivity_id', '=', 'g.collectivity_id')
        .whereRef('ch.diet_group_id', '=', 'g.id')
        .as('children'),
    ])
    .where('g.collectivity_id', '=', collectivityId)
    .orderBy('g.position')
    .orderBy('g.name')
    .execute();
  return { dietGroups: rows.map((r) => ({ id: r.id, name: r.name, position: r.position, children: Number(r.children ?? 0) })) };
}

async function requireNameFree(db: Db, collectivityId: string, name: string, exceptId?: string): Promise<void> {
  let query = db
    .selectFrom('diet_groups')
    .select('id')
    .where('collectivity_id', '=', collectivityId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw new ApiError(409, 'conflict', { fr: 'Ce régime existe déjà.', en: 'This diet group already exists.' });
  }
}

/** Adds a diet group; two groups of one town never share a name (409). */
export async function createDietGroup(db: Db, collectivityId: string, input: DietGroupInput): Promise<DietGroup> {
  await requireNameFree(db, collectivityId, input.name);
  return db
    .insertInto('diet_groups')
    .values({ collectivity_id: collectivityId, name: input.name, position: input.position ?? 0 })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/**
 * Renames a diet group, or moves it to the index `position` among the town's groups: the others
 * are renumbered 0, 1, 2… around it, so that one call is one move, whatever the old positions.
 */
export async function updateDietGroup(
  db: Db,
  collectivityId: string,
  id: string,
  input: DietGroupUpdate,
): Promise<AdminDietGroup> {
  await db.transaction().execute(async (trx) => {
    const groups = await trx
      .selectFrom('diet_groups')
      .select(['id', 'position'])
      .where('collectivity_id', '=', collectivityId)
      .orderBy('position')
      .orderBy('name')
      .forUpdate()
      .execute();
    const moved = groups.find((g) => g.id === id);
    if (!moved) throw notFound('diet group');
    if (input.name !== undefined) {
      await requireNameFree(trx, collectivityId, input.name, id);
      await trx
        .updateTable('diet_groups')
        .set({ name: input.name })
        .where('collectivity_id', '=', collectivityId)
        .where('id', '=', id)
        .execute();
    }
    if (input.position === undefined) return;
    const order = groups.filter((g) => g !== moved);
    order.splice(Math.min(input.position, order.length), 0, moved);
    for (const [index, group] of order.entries()) {
      if (group.position === index) continue;
      await trx
        .updateTable('diet_groups')
        .set({ position: index })
        .where('collectivity_id', '=', collectivityId)
        .where('id', '=', group.id)
        .execute();
    }
  });
  const { dietGroups } = await listDietGroups(db, collectivityId);
  const group = dietGroups.find((g) => g.id === id);
  if (!group) throw notFound('diet group');
  return group;
}

/** Deletes a diet group; its children fall back to no group (their file says so from now on). */
export async function deleteDietGroup(db: Db, collectivityId: string, id: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('children')
      .set({ diet_group_id: null, updated_at: now })
      .where('collectivity_id', '=', collectivityId)
      .where('diet_group_id', '=', id)
      .execute();
    const deleted = await trx
      .deleteFrom('diet_groups')
      .where('collectivity_id', '=', collectivityId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw notFound('diet group');
  });
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
