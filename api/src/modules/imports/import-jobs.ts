import type { adminImports } from '@foyer/sdk/contract';
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ImportJobsTable } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { notFound } from '../../lib/api-error.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { importFamilies } from './import-families.js';

function jobView(row: Selectable<ImportJobsTable>): adminImports.ImportJob {
  const percent =
    row.status === 'done' ? 100 : row.total_families === 0 ? 0 : Math.floor((row.processed_families / row.total_families) * 100);
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dry_run,
    sendInvitations: row.send_invitations,
    filename: row.filename,
    encoding: row.encoding,
    rows: row.rows,
    totalFamilies: row.total_families,
    processedFamilies: row.processed_families,
    percent,
    rowsPerSecond: Math.round(row.rows_per_second),
    report: row.report as adminImports.ImportReport | null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

export async function getImportJob(db: Db, collectivityId: string, id: string): Promise<adminImports.ImportJob> {
  const row = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow(() => notFound('import'));
  return jobView(row);
}

export async function listImportJobs(db: Db, collectivityId: string): Promise<adminImports.ImportJob[]> {
  const rows = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('collectivity_id', '=', collectivityId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map(jobView);
}

/**
 * Starts an import and answers at once with its job; the work goes on in this process and
 * writes its progress to the job, which the back office polls. A crash leaves the job
 * `running` with the families already written (each one whole).
 */
export async function startImport(
  deps: AppDeps,
  input: {
    collectivity: CollectivityContext;
    accountId: string;
    body: { content: string; filename?: string | undefined; dryRun?: boolean | undefined; sendInvitations?: boolean | undefined };
  },
): Promise<adminImports.ImportJob> {
  const cid = input.collectivity.id;
  const job = await deps.db
    .insertInto('import_jobs')
    .values({
      collectivity_id: cid,
      created_by: input.accountId,
      status: 'running',
      dry_run: input.body.dryRun ?? false,
      send_invitations: input.body.sendInvitations ?? false,
      filename: input.body.filename ?? null,
      created_at: deps.clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const bytes = new Uint8Array(Buffer.from(input.body.content, 'base64'));
  const update = (values: Updateable<ImportJobsTable>) =>
    deps.db.updateTable('import_jobs').set(values).where('collectivity_id', '=', cid).where('id', '=', job.id).execute();
  void importFamilies(deps, {
    collectivity: input.collectivity,
    bytes,
    dryRun: job.dry_run,
    sendInvitations: job.send_invitations,
    actorAccountId: input.accountId,
    onProgress: async (p) => {
      await update({
        processed_families: p.processedFamilies,
        total_families: p.totalFamilies,
        rows: p.rows,
        rows_per_second: p.rowsPerSecond,
      });
    },
  })
    .then((result) =>
      update({
        status: 'done',
        encoding: result.encoding,
        rows: result.rows,
        total_families: result.totalFamilies,
        processed_families: result.totalFamilies,
        report: JSON.stringify(result.report),
        finished_at: deps.clock.now(),
      }),
    )
    .catch((cause: unknown) => {
      deps.logger.error({ err: cause, importId: job.id }, 'import failed');
      return update({ status: 'failed', finished_at: deps.clock.now() }).catch(() => undefined);
    });
  return jobView(job);
}
