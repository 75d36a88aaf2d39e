/**
 * `@foyer/sdk/admin`: the back office's client (every agent route of the contract), apart from
 * the families' `createClient` so that `foyer.js` and families' apps never carry it.
 */
export { type AdminClient, type AdminNamespace, createAdminClient, fileToBase64, withAdmin } from './client/admin.js';
export { type DirectDebitNamespace, directDebits } from './client/admin-direct-debit.js';
export type { ExportDownload, ExportKind, ExportMethod, ExportProgress } from './client/exports.js';
