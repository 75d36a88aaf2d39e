import { adminDirectDebit } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';
import { type Route, type RouteDoc, route } from '../../lib/route.js';
import { agentScope, requireCollectivity } from '../../lib/scope.js';
import { creditorSettings, setCreditorSettings } from './creditor.js';
import { batchFile, createBatch, monthOverview } from './debit-batches.js';
import { createMandate, householdMandates, revokeMandate } from './mandates.js';

const doc = (summary: string, description?: string): RouteDoc => ({
  summary,
  ...(description ? { description } : {}),
  tags: ['Agent: direct debit'],
  access: 'agent',
});

const scopeOf = (c: Context<AppEnv>) => ({
  collectivityId: agentScope(c).collectivityId,
  accountId: agentScope(c).accountId,
  timeZone: requireCollectivity(c).timeZone,
});

/** SEPA direct debit: households' mandates, the town's creditor settings, the month's pain.008 batch. */
export function directDebitRoutes(deps: AppDeps): Route[] {
  return [
    route(
      adminDirectDebit.getMandate,
      doc(
        "A household's SEPA mandates",
        'The mandate in force and the revoked ones. IBANs are masked unless `reveal=true`, which the audit log records.',
      ),
      async ({ params, query }, c) => householdMandates(deps, scopeOf(c), params.id, query.reveal ?? false),
    ),
    route(
      adminDirectDebit.createMandate,
      doc(
        'Record a SEPA mandate',
        'IBAN checked (SEPA country format and check digits), BIC optional, mandate reference (RUM) unique in the collectivity. One mandate in force per household: 409 until it is revoked.',
      ),
      async ({ params, body }, c) => createMandate(deps, scopeOf(c), params.id, body),
    ),
    route(
      adminDirectDebit.revokeMandate,
      doc('Revoke the mandate in force', 'It collects nothing from then on; batches already made keep their collections.'),
      async ({ params }, c) => revokeMandate(deps, scopeOf(c), params.id),
    ),
    // The creditor's routes come before `:month`, which would otherwise take `creditor` for a month.
    route(adminDirectDebit.getCreditor, doc("The collectivity's SEPA creditor settings"), async (_input, c) =>
      creditorSettings(deps.db, agentScope(c).collectivityId),
    ),
    route(
      adminDirectDebit.setCreditor,
      doc("Set the collectivity's SEPA creditor", 'Name, IBAN, optional BIC and creditor identifier (ICS, checked).'),
      async ({ body }, c) => setCreditorSettings(deps, scopeOf(c), body),
    ),
    route(
      adminDirectDebit.createBatch,
      doc(
        "Prepare a month's direct debits",
        'Collects every issued unpaid invoice of the month whose household has a mandate in force, on `collectionDate`, and marks it « prélevée ». Once per month: again answers 409.',
      ),
      async ({ body }, c) => createBatch(deps, scopeOf(c), body),
    ),
    route(
      adminDirectDebit.getMonth,
      doc("A month's direct debits", 'Its batch once prepared, and what a batch would collect now.'),
      async ({ params }, c) => monthOverview(deps.db, agentScope(c).collectivityId, params.month),
    ),
    route(
      adminDirectDebit.downloadPain008,
      {
        ...doc(
          "Download a month's pain.008 file",
          'ISO 20022 `pain.008.001.02` (SEPA Direct Debit Core) for the town’s bank; the same bytes at every download, nothing marked again. Every download is audited.',
        ),
        produces: ['application/xml'],
      },
      async ({ params }, c) => batchFile(deps, scopeOf(c), params.month, c),
    ),
  ];
}
