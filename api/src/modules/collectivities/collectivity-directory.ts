import type { collectivity } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';

/**
 * The collectivities of this Foyer by name (French collation), with only what their public page
 * already shows: what a parent picks from to ask to join another town.
 */
export async function listPublicCollectivities(db: Db): Promise<collectivity.PublicCollectivity[]> {
  const rows = await db.selectFrom('collectivities').select(['slug', 'name']).execute();
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return rows.sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
}
