import type { Db } from '../../db/database.js';
import type { CollectivityContext } from '../../lib/app-env.js';

/**
 * A collectivity's context (time zone, holiday zone, portal…) by slug (the `:c` of a path) or
 * by id (work without a path: notifications, sweepers). Undefined when there is none.
 */
export async function findCollectivityContext(
  db: Db,
  by: { slug: string } | { id: string },
): Promise<CollectivityContext | undefined> {
  let query = db
    .selectFrom('collectivities')
    .select(['id', 'slug', 'name', 'time_zone', 'school_holiday_zone', 'alsace_moselle', 'portal_url']);
  query = 'slug' in by ? query.where('slug', '=', by.slug) : query.where('id', '=', by.id);
  const row = await query.executeTakeFirst();
  return row
    ? {
        id: row.id,
        slug: row.slug,
        name: row.name,
        timeZone: row.time_zone,
        schoolHolidayZone: row.school_holiday_zone,
        alsaceMoselle: row.alsace_moselle,
        portalUrl: row.portal_url,
      }
    : undefined;
}
