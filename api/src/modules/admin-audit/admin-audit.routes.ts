import { adminAudit } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { requireCollectivity } from '../../lib/scope.js';
import { listAuditLog } from './audit-log.js';

/** The audit log, for the town's admin and data protection officer. */
export function adminAuditRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminAudit.listAuditLog,
      {
        summary: 'The audit log',
        description:
          'Who did what, newest first; `health=true` keeps the reads of health data, `child` the entries about one child (who saw their allergies or care plan, when). Admins. The log is append-only: the database refuses any change or removal of an entry.',
        tags: ['Agent: audit log'],
        access: 'agent',
      },
      async ({ query }, c) => listAuditLog(deps.db, requireCollectivity(c).id, query),
    ),
  ];
}
