import { adminImports } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { getImportJob, listImportJobs, startImport } from './import-jobs.js';

const doc = (summary: string, description?: string): RouteDoc => ({
  summary,
  ...(description ? { description } : {}),
  tags: ['Agent: imports'],
  access: 'agent',
});

/** Importing families from a CSV file, with progress and a report. */
export function importRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminImports.createImport,
      doc(
        'Import families from a CSV file',
        'The file (French headers, `;`, UTF-8 with or without BOM, or Windows-1252; see docs/agents.md) is sent base64 in `content`. Answers 202 with a job at once: poll `GET …/admin/imports/:id` for `percent` and `rowsPerSecond`, then its `report` (every error with its line and column). `dryRun: true` writes nothing; a real run writes each family all or nothing; `sendInvitations` emails each new guardian an activation link.',
      ),
      async ({ body }, c) =>
        startImport(deps, { collectivity: requireCollectivity(c), accountId: agentScope(c).accountId, body }),
    ),
    route(adminImports.getImport, doc("An import's progress and report"), async ({ params }, c) =>
      getImportJob(deps.db, agentScope(c).collectivityId, params.id),
    ),
    route(adminImports.listImports, doc('Recent imports'), async (_input, c) => ({
      imports: await listImportJobs(deps.db, agentScope(c).collectivityId),
    })),
  ];
}
