import { catalog } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { householdScope, requireCollectivity } from '../../lib/scope.js';
import { householdServices } from './household-services.js';

export function catalogRoutes(deps: AppDeps): Route[] {
  return [
    route(
      catalog.listServices,
      {
        summary: 'The services my household can use',
        description:
          "Services, then sites, then the activities the household's children are enrolled in from today on, with their rules (opening weekdays, deadlines, payment mode, capacity, holiday sessions, registration window) and the price of a day for this household.",
        tags: ['Catalog'],
        access: 'parent',
      },
      async (_input, c) => ({
        services: await householdServices(deps.db, requireCollectivity(c), householdScope(c).householdId, deps.clock.now()),
      }),
    ),
  ];
}
