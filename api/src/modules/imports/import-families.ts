import type { adminImports } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { localDateOf } from '../../domain/index.js';
import type { CollectivityContext } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { inviteGuardian } from '../auth/invitations.js';
import { type CsvEncoding, decodeCsv, parseCsv } from './csv.js';
import { type ImportFamily, type RowContext, readFamilies, readHeader } from './import-rows.js';
import { type NewGuardian, writeFamilies } from './import-writer.js';

/** Families written per transaction: large enough that 10,000 take a minute at most. */
const BATCH = 250;

/** What an import needs: the database, the clock, and the settings of the invitations' links. */
export type ImportDeps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

export interface ImportProgress {
  processedFamilies: number;
  totalFamilies: number;
  rows: number;
  rowsPerSecond: number;
}

export interface ImportInput {
  /** Only its id and time zone (for "today") are read. */
  collectivity: Pick<CollectivityContext, 'id' | 'timeZone'>;
  bytes: Uint8Array;
  dryRun: boolean;
  sendInvitations: boolean;
  actorAccountId: string | null;
  onProgress?: (progress: ImportProgress) => Promise<void> | void;
}

/** What a real run added beside the households (all zero for a dry run). */
export interface ImportWritten {
  guardians: number;
  children: number;
  /** Enrolments new or renewed. */
  enrolments: number;
}

export interface ImportResult {
  encoding: CsvEncoding | null;
  rows: number;
  totalFamilies: number;
  report: adminImports.ImportReport;
  written: ImportWritten;
}

async function rowContext(deps: ImportDeps, collectivity: ImportInput['collectivity']): Promise<RowContext> {
  const activities = await deps.db
    .selectFrom('activities')
    .select(['id', 'code', 'season_from', 'season_to'])
    .where('collectivity_id', '=', collectivity.id)
    .where('archived_at', 'is', null)
    .execute();
  return {
    activities: new Map(
      activities.map((a) => [a.code.toUpperCase(), { id: a.id, seasonFrom: a.season_from, seasonTo: a.season_to }]),
    ),
    today: localDateOf(deps.clock.now(), collectivity.timeZone),
  };
}

/**
 * Imports a CSV file of families (format in docs/agents.md). Every row is checked first; a
 * family with an error is left out whole and listed with its errors (line, column, why). A dry
 * run stops there and says what would be created or updated; a real run writes the other
 * families in batches, each family all or nothing.
 */
export async function importFamilies(deps: ImportDeps, input: ImportInput): Promise<ImportResult> {
  const decoded = decodeCsv(input.bytes);
  if (!decoded.ok) {
    return {
      encoding: null,
      rows: 0,
      totalFamilies: 0,
      report: emptyReport([{ line: 1, column: null, message: decoded.message, externalId: null }]),
      written: nothingWritten(),
    };
  }
  const [header, ...records] = parseCsv(decoded.text);
  const { index, errors: headerErrors } = readHeader(header);
  if (headerErrors.length > 0) {
    return {
      encoding: decoded.encoding,
      rows: records.length,
      totalFamilies: 0,
      report: emptyReport(headerErrors),
      written: nothingWritten(),
    };
  }
  const context = await rowContext(deps, input.collectivity);
  const families = readFamilies(records, index, context);
  const valid = families.filter((f) => f.errors.length === 0);
  const errors = families.flatMap((f) => f.errors).sort((a, b) => a.line - b.line);
  const report: adminImports.ImportReport = {
    families: families.length,
    created: 0,
    updated: 0,
    failed: families.length - valid.length,
    invitationsSent: 0,
    errors,
  };
  const written = nothingWritten();
  if (input.dryRun) {
    const existing = await existingIds(deps, input.collectivity.id, valid);
    report.updated = valid.filter((f) => existing.has(f.externalId)).length;
    report.created = valid.length - report.updated;
  } else {
    await writeAll(deps, input, context.today, valid, { report, written }, families.length, records.length);
  }
  return { encoding: decoded.encoding, rows: records.length, totalFamilies: families.length, report, written };
}

const nothingWritten = (): ImportWritten => ({ guardians: 0, children: 0, enrolments: 0 });

/** The report and the counts a real run adds to as its batches commit. */
interface Tally {
  report: adminImports.ImportReport;
  written: ImportWritten;
}

const emptyReport = (errors: adminImports.ImportError[]): adminImports.ImportReport => ({
  families: 0,
  created: 0,
  updated: 0,
  failed: 0,
  invitationsSent: 0,
  errors,
});

async function existingIds(deps: ImportDeps, collectivityId: string, families: ImportFamily[]): Promise<Set<string>> {
  if (families.length === 0) return new Set();
  const rows = await deps.db
    .selectFrom('households')
    .select('external_id')
    .where('collectivity_id', '=', collectivityId)
    .where(
      'external_id',
      'in',
      families.map((f) => f.externalId),
    )
    .execute();
  return new Set(rows.map((r) => r.external_id ?? ''));
}

async function writeAll(
  deps: ImportDeps,
  input: ImportInput,
  today: string,
  valid: ImportFamily[],
  tally: Tally,
  totalFamilies: number,
  rows: number,
): Promise<void> {
  // A duration, not an instant: throughput is measured on the monotonic timer, not the Clock.
  const started = performance.now();
  const rowsPerFamily = rows / Math.max(totalFamilies, 1);
  let processed = totalFamilies - valid.length;
  for (let i = 0; i < valid.length; i += BATCH) {
    const batch = valid.slice(i, i + BATCH);
    await writeBatch(deps, input, today, batch, tally);
    processed += batch.length;
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    await input.onProgress?.({
      processedFamilies: processed,
      totalFamilies,
      rows,
      rowsPerSecond: Math.round(((i + batch.length) * rowsPerFamily) / seconds),
    });
  }
}

/** One transaction for a batch; if it fails, each family alone, so one cannot sink the others. */
async function writeBatch(
  deps: ImportDeps,
  input: ImportInput,
  today: string,
  batch: ImportFamily[],
  { report, written: total }: Tally,
) {
  const write = (families: ImportFamily[]) =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now();
      const written = await writeFamilies(trx, {
        collectivityId: input.collectivity.id,
        families,
        today,
        now,
        by: input.actorAccountId,
      });
      const invited = input.sendInvitations ? await invite(deps, trx, input, written.newGuardians) : 0;
      await audit(trx, {
        collectivityId: input.collectivity.id,
        actorAccountId: input.actorAccountId,
        action: 'households.imported',
        objectType: 'household',
        objectId: null,
        details: { created: written.created, updated: written.updated, invited },
        at: now,
      });
      return { ...written, invited };
    });
  const count = (written: Awaited<ReturnType<typeof write>>) => {
    report.created += written.created;
    report.updated += written.updated;
    report.invitationsSent += written.invited;
    total.guardians += written.guardians;
    total.children += written.children;
    total.enrolments += written.enrolments;
  };
  try {
    count(await write(batch));
  } catch {
    for (const family of batch) {
      try {
        count(await write([family]));
      } catch (cause) {
        report.failed++;
        report.errors.push({
          line: family.line,
          column: null,
          message: `la famille n'a pas pu être enregistrée (${cause instanceof Error ? cause.message : 'erreur inconnue'})`,
          externalId: family.externalId,
        });
      }
    }
  }
}

async function invite(deps: ImportDeps, trx: ImportDeps['db'], input: ImportInput, guardians: NewGuardian[]): Promise<number> {
  for (const g of guardians) {
    await inviteGuardian(deps, trx, {
      collectivityId: input.collectivity.id,
      householdId: g.householdId,
      guardianId: g.guardianId,
      email: g.email,
      invitedBy: input.actorAccountId,
    });
  }
  return guardians.length;
}
