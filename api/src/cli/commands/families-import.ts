import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { adminImports } from '@foyer/sdk/contract';
import { CollectivityAdminError, findCollectivity } from '../../modules/collectivities/collectivity-admin.js';
import { type ImportProgress, type ImportResult, importFamilies } from '../../modules/imports/import-families.js';
import { type CliContext, CliError, type Command, EXIT } from '../command.js';

const BAR_WIDTH = 30;

/** `ligne 3, colonne quotient_familial : …`, as the back office lists them. */
const errorLine = (e: adminImports.ImportError) =>
  `  ligne ${e.line}${e.column ? `, colonne ${e.column}` : ''} : ${e.message}${e.externalId ? ` (famille ${e.externalId})` : ''}`;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a plain line every 10 % otherwise
 * (a log keeps them); nothing with `--json`, which `context.progress` already drops.
 */
function progressReporter(context: CliContext, terminal: boolean) {
  let shownTenth = -1;
  let drawn = false;
  return (p: ImportProgress) => {
    const percent = p.totalFamilies === 0 ? 100 : Math.floor((p.processedFamilies / p.totalFamilies) * 100);
    const figures = `${String(percent).padStart(3)} %  ${p.processedFamilies}/${p.totalFamilies} families  ${p.rowsPerSecond} rows/s`;
    if (terminal) {
      const filled = Math.round((percent / 100) * BAR_WIDTH);
      // Every progress line ends with a newline: go back up over the previous bar and clear it.
      const redraw = drawn ? '\x1b[1A\x1b[2K' : '';
      context.progress(`${redraw}[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${figures}`);
      drawn = true;
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth > shownTenth) {
      shownTenth = tenth;
      context.progress(`import: ${figures}`);
    }
  };
}

function reportLines(slug: string, path: string, result: ImportResult, dryRun: boolean): string[] {
  const { report, written } = result;
  const head = dryRun ? `Dry run of ${path} for ${slug}: no error, nothing written.` : `Imported ${path} into ${slug}.`;
  const lines = [
    head,
    `  file: ${result.rows} row(s), ${result.totalFamilies} famil${result.totalFamilies === 1 ? 'y' : 'ies'}, ${result.encoding ?? 'unreadable'}`,
    `  families: ${report.created} ${dryRun ? 'to create' : 'created'}, ${report.updated} ${dryRun ? 'to update' : 'updated'}, ${report.failed} rejected`,
  ];
  if (!dryRun) {
    lines.push(
      `  guardians added: ${written.guardians}`,
      `  children added: ${written.children}`,
      `  enrolments written: ${written.enrolments}`,
      `  invitations queued: ${report.invitationsSent}`,
    );
  }
  return lines;
}

const view = (slug: string, path: string, result: ImportResult, dryRun: boolean, sendInvitations: boolean) => ({
  collectivity: slug,
  file: path,
  dryRun,
  sendInvitations,
  encoding: result.encoding,
  rows: result.rows,
  ...result.report,
  written: result.written,
});

export const familiesImport: Command = {
  name: ['import'],
  summary: 'Import households, guardians, children and enrolments from a CSV file (a town going live)',
  description:
    'FILE is the CSV described in docs/agents.md ("Importing families"): ";" between columns, French headers, ' +
    'UTF-8 with or without BOM or Windows-1252. Every row is checked first; any error is listed as ' +
    '"ligne N, colonne X : why" and nothing is written (exit 2). After a clean check the families are written, ' +
    'each one all or nothing, as the back office does; a family met again (same id_famille) is updated, not ' +
    'duplicated. With --invite, every new guardian with an email gets an invitation, queued in the outbox and ' +
    'sent by the running server. Families that could not be written are listed (exit 4).',
  args: [
    { name: 'SLUG', description: 'the collectivity' },
    { name: 'FILE', description: 'the CSV file of families' },
  ],
  options: {
    'dry-run': { type: 'boolean', description: 'check every row and say what would change, writing nothing' },
    invite: { type: 'boolean', description: 'queue an invitation email to every new guardian with an email' },
  },
  examples: [
    'foyer import ville-exemple familles.csv --dry-run',
    'foyer import ville-exemple familles.csv --invite',
    'foyer import ville-exemple familles.csv --json',
  ],
  async run({ args, options }, context) {
    const [slug = '', file = ''] = args;
    const path = resolve(context.cwd, file);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (err) {
      throw new CliError(EXIT.badInput, 'file_unreadable', `cannot read ${path}: ${(err as Error).message}`);
    }
    const dryRun = options['dry-run'] === true;
    const sendInvitations = options.invite === true;
    const { db } = await context.database();
    const collectivity = await findCollectivity(db, slug).catch((err: unknown) => {
      throw err instanceof CollectivityAdminError ? new CliError(EXIT.badInput, err.code, err.message) : err;
    });
    const deps = { db, clock: context.clock, config: context.config() };
    const input = { collectivity, bytes, sendInvitations, actorAccountId: null };

    const check = await importFamilies(deps, { ...input, dryRun: true });
    const { errors } = check.report;
    if (errors.length > 0) {
      throw new CliError(
        EXIT.badInput,
        'invalid_file',
        [`${path}: ${errors.length} error(s), nothing imported:`, ...errors.map(errorLine)].join('\n'),
        { errors },
      );
    }
    if (check.totalFamilies === 0) throw new CliError(EXIT.badInput, 'no_families', `${path}: no family in the file`);
    if (dryRun) return { data: view(slug, path, check, true, sendInvitations), lines: reportLines(slug, path, check, true) };

    // The CLI context does not say whether stderr is a terminal: the process does (tests run with pipes).
    const onProgress = progressReporter(context, process.stderr.isTTY === true);
    const result = await importFamilies(deps, { ...input, dryRun: false, onProgress });
    const lines = reportLines(slug, path, result, false);
    if (result.report.failed > 0) {
      throw new CliError(
        EXIT.failure,
        'families_rejected',
        [...lines, `${result.report.failed} family(ies) could not be written:`, ...result.report.errors.map(errorLine)].join(
          '\n',
        ),
        view(slug, path, result, false, sendInvitations),
      );
    }
    return { data: view(slug, path, result, false, sendInvitations), lines };
  },
};
