import { collectivity } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { requireCollectivity } from '../../lib/scope.js';
import { listPublicCollectivities } from './collectivity-directory.js';

export function collectivityRoutes(deps: AppDeps): Route[] {
  return [
    route(
      collectivity.listCollectivities,
      {
        summary: 'The collectivities of this Foyer',
        description:
          'Slug and name of every collectivity, sorted by name: the towns a signed-in parent can ask to join (`POST /v1/collectivities/{c}/join-requests`).',
        tags: ['Collectivities'],
        access: 'public',
      },
      async () => ({ collectivities: await listPublicCollectivities(deps.db) }),
    ),
    route(
      collectivity.getCollectivity,
      { summary: 'Public information on a collectivity', tags: ['Collectivities'], access: 'public' },
      async (_input, c) => {
        const scope = requireCollectivity(c);
        const row = await deps.db
          .selectFrom('collectivities')
          .select(['portal_url', 'branding'])
          .where('id', '=', scope.id)
          .executeTakeFirstOrThrow();
        const services = await deps.db
          .selectFrom('services')
          .select(['id', 'name', 'kind'])
          .where('collectivity_id', '=', scope.id)
          .where('archived_at', 'is', null)
          .orderBy('position')
          .orderBy('name')
          .execute();
        return {
          slug: scope.slug,
          name: scope.name,
          timeZone: scope.timeZone,
          schoolHolidayZone: scope.schoolHolidayZone,
          portalUrl: row.portal_url,
          branding: { primaryColor: row.branding.primaryColor ?? null, logoUrl: row.branding.logoUrl ?? null },
          services,
        };
      },
    ),
  ];
}
