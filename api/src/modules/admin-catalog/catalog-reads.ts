import type { adminCatalog } from '@foyer/sdk/contract';
import type { Db } from '../../db/database.js';
import { notFound } from '../../lib/api-error.js';
import { activityView, closureView, serviceView, siteView } from './catalog-views.js';

export async function listServices(
  db: Db,
  collectivityId: string,
  includeArchived = false,
): Promise<adminCatalog.AdminService[]> {
  let query = db.selectFrom('services').selectAll().where('collectivity_id', '=', collectivityId);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return (await query.orderBy('position').orderBy('name').execute()).map(serviceView);
}

export async function listSites(db: Db, collectivityId: string, includeArchived = false): Promise<adminCatalog.AdminSite[]> {
  let query = db.selectFrom('sites').selectAll().where('collectivity_id', '=', collectivityId);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return (await query.orderBy('name').execute()).map(siteView);
}

export async function listActivities(
  db: Db,
  collectivityId: string,
  filter: { includeArchived?: boolean | undefined; service?: string | undefined; site?: string | undefined },
): Promise<adminCatalog.AdminActivity[]> {
  let query = db.selectFrom('activities').selectAll().where('collectivity_id', '=', collectivityId);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  if (filter.service) query = query.where('service_id', '=', filter.service);
  if (filter.site) query = query.where('site_id', '=', filter.site);
  return (await query.orderBy('position').orderBy('name').execute()).map(activityView);
}

export async function getActivity(db: Db, collectivityId: string, id: string): Promise<adminCatalog.AdminActivity> {
  const row = await db
    .selectFrom('activities')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow(() => notFound('activity'));
  return activityView(row);
}

/** Closures, or those that meet `from`–`to`. */
export async function listClosures(
  db: Db,
  collectivityId: string,
  range: { from?: string | undefined; to?: string | undefined },
): Promise<adminCatalog.AdminClosure[]> {
  let query = db.selectFrom('closures').selectAll().where('collectivity_id', '=', collectivityId);
  if (range.from) query = query.where('to_date', '>=', range.from);
  if (range.to) query = query.where('from_date', '<=', range.to);
  return (await query.orderBy('from_date').execute()).map(closureView);
}
