import { adminCatalog } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope } from '../../lib/scope.js';
import { createActivity, updateActivity } from './activity-writes.js';
import { getActivity, listActivities, listClosures, listServices, listSites } from './catalog-reads.js';
import {
  createClosure,
  createService,
  createSite,
  deleteClosure,
  updateClosure,
  updateService,
  updateSite,
} from './catalog-writes.js';

const doc = (summary: string, description?: string): RouteDoc => ({
  summary,
  ...(description ? { description } : {}),
  tags: ['Agent: catalog'],
  access: 'agent',
});
const CHANGES = 'Takes effect on families’ calendars at once. Validation errors name the field, in French.';

/** The catalog's screens: agents read it, admins change it (the roles are the contract's). */
export function adminCatalogRoutes(deps: AppDeps): Route[] {
  const cid = (c: Parameters<typeof agentScope>[0]) => agentScope(c).collectivityId;
  return [
    route(adminCatalog.listServices, doc('List services'), async ({ query }, c) => ({
      services: await listServices(deps.db, cid(c), query.includeArchived),
    })),
    route(adminCatalog.createService, doc('Create a service'), async ({ body }, c) => createService(deps, agentScope(c), body)),
    route(adminCatalog.updateService, doc('Change or archive a service', CHANGES), async ({ params, body }, c) =>
      updateService(deps, agentScope(c), params.id, body),
    ),
    route(adminCatalog.listSites, doc('List sites'), async ({ query }, c) => ({
      sites: await listSites(deps.db, cid(c), query.includeArchived),
    })),
    route(adminCatalog.createSite, doc('Create a site'), async ({ body }, c) => createSite(deps, agentScope(c), body)),
    route(adminCatalog.updateSite, doc('Change or archive a site', CHANGES), async ({ params, body }, c) =>
      updateSite(deps, agentScope(c), params.id, body),
    ),
    route(adminCatalog.listActivities, doc('List activities with their rules'), async ({ query }, c) => ({
      activities: await listActivities(deps.db, cid(c), query),
    })),
    route(adminCatalog.getActivity, doc('One activity with its rules'), async ({ params }, c) =>
      getActivity(deps.db, cid(c), params.id),
    ),
    route(
      adminCatalog.createActivity,
      doc(
        'Create an activity',
        'Weekdays, season, capacity, booking and cancellation deadlines, registration window, sessions and their cap, payment mode, price tiers by family quotient and a non-resident rate. ' +
          CHANGES,
      ),
      async ({ body }, c) => createActivity(deps, agentScope(c), body),
    ),
    route(
      adminCatalog.updateActivity,
      doc('Change or archive an activity', `Archiving keeps its bookings; it no longer opens days. ${CHANGES}`),
      async ({ params, body }, c) => updateActivity(deps, agentScope(c), params.id, body),
    ),
    route(adminCatalog.listClosures, doc('List closures'), async ({ query }, c) => ({
      closures: await listClosures(deps.db, cid(c), query),
    })),
    route(adminCatalog.createClosure, doc('Close the collectivity, a site or an activity', CHANGES), async ({ body }, c) =>
      createClosure(deps, agentScope(c), body),
    ),
    route(adminCatalog.updateClosure, doc('Change a closure', CHANGES), async ({ params, body }, c) =>
      updateClosure(deps, agentScope(c), params.id, body),
    ),
    route(adminCatalog.deleteClosure, doc('Remove a closure', CHANGES), async ({ params }, c) =>
      deleteClosure(deps, agentScope(c), params.id),
    ),
  ];
}
