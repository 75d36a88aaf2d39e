import * as v from 'valibot';
import { ROLES } from './admin-fields.js';
import { CollectivityParams, Id, Instant } from './common.js';
import { endpoint } from './endpoint.js';

// Importing families from the collectivity's previous software: a CSV file (French headers,
// `;`, UTF-8 with or without BOM, or Windows-1252; see docs/agents.md), one row per child or
// per guardian, grouped into families by `id_famille`. A dry run lists every error; a real run
// writes each family all or nothing, and re-importing a family updates it.

/** An error of the file, where an agent finds it in the spreadsheet. */
export const ImportError = v.object({
  /** The line of the file, 1 being the headers. */
  line: v.number(),
  /** The column's header, as in the file (`nom_enfant`); `null` for the whole row or file. */
  column: v.nullable(v.string()),
  message: v.string(),
  externalId: v.nullable(v.string()),
});
export type ImportError = v.InferOutput<typeof ImportError>;

export const ImportReport = v.object({
  families: v.number(),
  created: v.number(),
  updated: v.number(),
  failed: v.number(),
  invitationsSent: v.number(),
  errors: v.array(ImportError),
});
export type ImportReport = v.InferOutput<typeof ImportReport>;

/** An import as it runs: poll it for the progress bar, read its report when `done`. */
export const ImportJob = v.object({
  id: Id,
  status: v.picklist(['running', 'done', 'failed']),
  dryRun: v.boolean(),
  sendInvitations: v.boolean(),
  filename: v.nullable(v.string()),
  encoding: v.nullable(v.picklist(['utf-8', 'windows-1252'])),
  rows: v.number(),
  totalFamilies: v.number(),
  processedFamilies: v.number(),
  /** 0 to 100. */
  percent: v.number(),
  rowsPerSecond: v.number(),
  report: v.nullable(ImportReport),
  createdAt: Instant,
  finishedAt: v.nullable(Instant),
});
export type ImportJob = v.InferOutput<typeof ImportJob>;

export const ImportInput = v.strictObject({
  /** The file's bytes, base64: the server tells UTF-8 from Windows-1252. */
  content: v.pipe(
    v.string('le fichier est obligatoire'),
    v.minLength(1, 'le fichier est vide'),
    v.base64('le fichier doit être encodé en base64'),
  ),
  filename: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
  /** Lists the errors and what would change, writing nothing. */
  dryRun: v.optional(v.boolean()),
  /** Emails an activation link to each new guardian with an email. */
  sendInvitations: v.optional(v.boolean()),
});

export const createImport = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/admin/imports',
  params: CollectivityParams,
  body: ImportInput,
  response: ImportJob,
  status: 202,
  roles: ROLES.office,
});
export const getImport = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/imports/:id',
  params: v.strictObject({ c: CollectivityParams.entries.c, id: Id }),
  response: ImportJob,
  roles: ROLES.office,
});
export const listImports = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/imports',
  params: CollectivityParams,
  response: v.object({ imports: v.array(ImportJob) }),
  roles: ROLES.office,
});
